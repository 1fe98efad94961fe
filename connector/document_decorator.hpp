#pragma once
// What Elastic's service does to every document between the source and _bulk, in its
// order: an `_id` over 512 bytes becomes its MD5 hex digest; the pipeline flags
// `_extract_binary_content`, `_reduce_whitespace` and `_run_ml_inference` are added (the
// ingest pipeline consumes them); the `_id` is copied into an `id` field; a `_timestamp` (the
// ingestion time) is added to a document that has none when the sync creates it.
//
//   {"public_t_id":1,...,"schema":"public"}  +  id "xe_public_t_1"
//   -> {"public_t_id":1,...,"schema":"public","_extract_binary_content":true,
//       "_reduce_whitespace":true,"_run_ml_inference":true,"id":"xe_public_t_1"}
//
// Access-control documents get only `id` and `_timestamp`.
//
// Pure, and cheap on the per-document path: the suffix is built once per job.

#include <string>
#include <string_view>

#include "protocol/connector_document.hpp"

namespace connectors::service {

// Elasticsearch's limit on `_id`, in UTF-8 bytes.
inline constexpr std::size_t kMaxIdBytes = 512;

// The id as Elastic indexes it: unchanged up to 512 bytes, else its MD5 in lower-case hex.
std::string effective_id(std::string id);

// Whether the JSON object `body` has `key` among its top-level keys (keys compared as
// written, without unescaping). Fast when the key does not appear in the text at all.
bool has_top_level_key(std::string_view body, std::string_view key);

class DocumentDecorator {
 public:
  explicit DocumentDecorator(const protocol::PipelineSettings& pipeline);
  // For access-control documents: no pipeline flags.
  static DocumentDecorator for_access_control();

  // Appends `body` (a JSON object) with the pipeline flags and `"id":<id>` to `out`, then
  // `"_timestamp":<timestamp>` when `timestamp` is not empty.
  void append(std::string& out, std::string_view body, std::string_view id,
              std::string_view timestamp = {}) const;

  // An upper bound of what append() adds to `out`, without writing it.
  std::size_t decorated_size(std::string_view body, std::string_view id, std::string_view timestamp = {}) const {
    return body.size() + suffix_.size() + 2 * id.size() + 3 + (timestamp.empty() ? 0 : timestamp.size() + 16);
  }

 private:
  DocumentDecorator() = default;
  std::string suffix_;  // `"_extract_binary_content":true,...,"id":"`
};

}  // namespace connectors::service
