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
  std::string index_uuid;
  std::string id;
  WriteOutcome outcome;
  std::optional<EsError> error;
  bool pipeline_ran = false;
  std::shared_ptr<Index> target;

  bool ok() const { return !error.has_value(); }
  unsigned status() const;
};

class DocOperations {
 public:
  DocOperations(Store& store, const PipelineRegistry& pipelines);

  OpResult index(const IndexOp& op);
  OpResult update(const UpdateOp& op);
  OpResult remove(const DeleteOp& op);

 private:
  // Runs the pipeline `name` (or the index default) on `source`; returns the new text when
  // it changed. Throws EsError for an unknown pipeline or a failing processor.
  std::optional<std::string> run_pipeline(const std::optional<std::string>& name,
                                          const Index& index, std::string_view source, bool& ran,
                                          const std::vector<JsonMember>* members = nullptr) const;

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

}  // namespace connectors::emulator
