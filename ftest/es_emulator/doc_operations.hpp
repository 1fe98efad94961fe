#pragma once
// The four document writes (index, create, update, delete) shared by the document API and
// _bulk: target resolution and auto-creation, optimistic concurrency (if_seq_no and
// if_primary_term), ingest pipelines, the update merge and noop detection, and the
// Elasticsearch wording of every refusal.
//
// A refused write comes back as an OpResult carrying the EsError (bulk reports it per item;
// the document API throws it).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/index.hpp"
#include "ftest/es_emulator/ingest.hpp"
#include "ftest/es_emulator/json_scanner.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {

inline constexpr std::int64_t kPrimaryTerm = 1;

struct Concurrency {
  std::optional<std::int64_t> if_seq_no;
  std::optional<std::int64_t> if_primary_term;
};

struct IndexOp {
  std::string index;
  std::string id;  // empty: auto-generated (and the op is a create)
  std::string_view source;
  bool create = false;
  Concurrency concurrency;
  std::optional<std::string> pipeline;  // "_none" disables the index default pipeline
};

struct UpdateOp {
  std::string index;
  std::string id;
  std::string_view body;  // {"doc":..,"upsert":..,"doc_as_upsert":..,"detect_noop":..}
  Concurrency concurrency;
  std::optional<std::string> pipeline;
};

struct DeleteOp {
  std::string index;
  std::string id;
  Concurrency concurrency;
};

struct OpResult {
  std::string index;  // concrete index name (or the requested name when resolution failed)
  std::string id;
  WriteOutcome outcome;
  std::optional<EsError> error;
  bool pipeline_ran = false;
  std::shared_ptr<Index> target;

  bool ok() const { return !error.has_value(); }
  unsigned status() const;
};

// What one _bulk request looks up again and again: the last index it wrote to (with its
// default pipeline) and the last pipeline it ran, so that consecutive items for the same
// index take no store, settings or registry lock.
struct ResolveCache {
  std::string index_name;
  std::shared_ptr<Index> index;
  std::optional<std::string> default_pipeline;
  std::string pipeline_id;
  std::shared_ptr<const Pipeline> pipeline;
};

class DocOperations {
 public:
  DocOperations(Store& store, const PipelineRegistry& pipelines);

  // `cache` (optional) carries resolutions from one call to the next within a request.
  OpResult index(const IndexOp& op, ResolveCache* cache = nullptr);
  OpResult update(const UpdateOp& op);
  OpResult remove(const DeleteOp& op, ResolveCache* cache = nullptr);

 private:
  std::shared_ptr<Index> index_for_write(const std::string& name, ResolveCache* cache);
  // The result of an operation on document `id` of `index_name`, its target resolved; when
  // the index cannot be written, the failed result (no target).
  OpResult start_result(const std::string& index_name, const std::string& id,
                        ResolveCache* cache);
  std::optional<std::string> default_pipeline(const Index& index, ResolveCache* cache) const;
  // Runs the pipeline `name` (or the index default) on `source`; returns the new text when
  // it changed. Throws EsError for an unknown pipeline or a failing processor.
  std::optional<std::string> run_pipeline(const std::optional<std::string>& name,
                                          const Index& index, std::string_view source, bool& ran,
                                          const std::vector<JsonMember>* members = nullptr,
                                          ResolveCache* cache = nullptr) const;

  Store& store_;
  const PipelineRegistry& pipelines_;
};

// The per-document response body (document API) or bulk item body (`with_status`).
void append_op_result(std::string& out, const OpResult& result, bool with_status,
                      bool forced_refresh);

// Problems with an id, as Elasticsearch words them; nullopt when fine.
std::optional<std::string> id_problem(std::string_view id);

// Validates a document source (must be a JSON object), listing its top-level members in
// `members` when given. Throws EsError 400 document_parsing_exception "[l:c] failed to parse: ...".
void validate_source(std::string_view source, std::vector<JsonMember>* members = nullptr);

// Elasticsearch's metadata fields (_id, _index, _routing, _source, _version, _seq_no...),
// which a document may not hold at its top level.
bool is_metadata_field(std::string_view name);

// Throws what Elasticsearch answers for a metadata field in a document (400
// document_parsing_exception "[1:8] failed to parse field [_id] of type [_id] in document
// with id 'x'. Preview of field's value: 'v'", caused by "[1:8] Field [_id] is a metadata
// field and cannot be added inside a document. Use the index API request parameters.").
// `members` are the source's top-level members.
void check_metadata_fields(std::string_view source, const std::vector<JsonMember>& members,
                           std::string_view id);

}  // namespace connectors::emulator
