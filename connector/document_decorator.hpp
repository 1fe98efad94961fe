#pragma once
// What Elastic's service does to every document between the source and _bulk, in its
// order: an `_id` over 512 bytes becomes its MD5 hex digest; the pipeline flags
// `_extract_binary_content`, `_reduce_whitespace` and `_run_ml_inference` are added (the
// ingest pipeline consumes them); the `_id` is copied into an `id` field.
//
//   {"public_t_id":1,...,"schema":"public"}  +  id "xe_public_t_1"
//   -> {"public_t_id":1,...,"schema":"public","_extract_binary_content":true,
//       "_reduce_whitespace":true,"_run_ml_inference":true,"id":"xe_public_t_1"}
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

class DocumentDecorator {
 public:
  explicit DocumentDecorator(const protocol::PipelineSettings& pipeline);

  // Appends `body` (a JSON object) with the pipeline flags and `"id":<id>` to `out`.
  void append(std::string& out, std::string_view body, std::string_view id) const;

  // An upper bound of what append() adds to `out`, without writing it.
  std::size_t decorated_size(std::string_view body, std::string_view id) const {
    return body.size() + suffix_.size() + 2 * id.size() + 3;
  }

 private:
  std::string suffix_;  // `"_extract_binary_content":true,...,"id":"`
};

}  // namespace connectors::service
