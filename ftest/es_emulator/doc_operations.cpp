#include "ftest/es_emulator/doc_operations.hpp"

#include "core/json_writer.hpp"
#include "ftest/es_emulator/json_scanner.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/update_merge.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

EsError with_index(EsError error, const Index& index) {
  error.with("index_uuid", index.uuid()).with("shard", "0").with("index", index.name());
  return error;
}

void check_concurrency(const Concurrency& c, std::string_view id, const DocVersion* current,
                       const Index& index) {
  if (!c.if_seq_no && !c.if_primary_term) return;
  const std::int64_t seq_no = c.if_seq_no.value_or(-2);
  const std::int64_t term = c.if_primary_term.value_or(0);
  std::string reason = "[" + std::string(id) + "]: version conflict, required seqNo [" +
                       std::to_string(seq_no) + "], primary term [" + std::to_string(term) + "]. ";
  if (!current) {
    reason += "but no document was found";
  } else if (current->seq_no() != seq_no || term != kPrimaryTerm) {
    reason += "current document has seqNo [" + std::to_string(current->seq_no()) +
              "] and primary term [" + std::to_string(kPrimaryTerm) + "]";
  } else {
    return;
  }
  throw with_index(EsError(409, "version_conflict_engine_exception", std::move(reason)), index);
}

EsError document_missing(std::string_view id, const Index& index) {
  return with_index(
      EsError(404, "document_missing_exception", "[" + std::string(id) + "]: document missing"),
      index);
}

OpResult failed(std::string index, std::string id, EsError error) {
  OpResult result;
  result.index = std::move(index);
  result.id = std::move(id);
  result.error = std::move(error);
  return result;
}

}  // namespace

unsigned OpResult::status() const {
  if (error) return error->status();
  switch (outcome.result) {
    case WriteResult::Created: return 201;
    case WriteResult::NotFound: return 404;
    default: return 200;
  }
}

std::optional<std::string> id_problem(std::string_view id) {
  if (id.size() > 512) {
    return "id [" + std::string(id) +
           "] is too long, must be no longer than 512 bytes but was: " + std::to_string(id.size());
  }
  return std::nullopt;
}

void validate_source(std::string_view source, std::vector<JsonMember>* members) {
  JsonKind kind;
  if (const auto error = scan_json(source, &kind, members)) {
    throw EsError(400, "document_parsing_exception",
                  text_location(source, error->offset) + " failed to parse: " + error->message);
  }
  if (kind != JsonKind::Object) {
    throw EsError(400, "document_parsing_exception",
                  "[1:1] failed to parse: Malformed content, must start with an object");
  }
}

DocOperations::DocOperations(Store& store, const PipelineRegistry& pipelines)
    : store_(store), pipelines_(pipelines) {}

std::optional<std::string> DocOperations::run_pipeline(
    const std::optional<std::string>& name, const Index& index, std::string_view source, bool& ran,
    const std::vector<JsonMember>* members) const {
  std::optional<std::string> id = name;
  if (!id) id = index.default_pipeline();
  if (!id || *id == "_none") return std::nullopt;
  const auto pipeline = pipelines_.find(*id);
  if (!pipeline) throw bad_request("pipeline with id [" + *id + "] does not exist");
  ran = true;
  return pipeline->apply(source, members);
}

OpResult DocOperations::index(const IndexOp& op) {
  std::string id = op.id;
  const bool auto_id = id.empty();
  if (auto_id) id = store_.ids().document_id();
  if (const auto problem = id_problem(id)) return failed(op.index, id, bad_request(*problem));
  std::shared_ptr<Index> index;
  try {
    index = store_.index_for_write(op.index);
  } catch (const EsError& e) {
    return failed(op.index, id, e);
  }
  OpResult result;
  result.index = index->name();
  result.index_uuid = index->uuid();
  result.id = id;
  result.target = index;
  try {
    // One scan validates the source and gives the pipeline its top-level members.
    std::vector<JsonMember> members;
    const bool piped =
        (op.pipeline && *op.pipeline != "_none") || (!op.pipeline && index->default_pipeline());
    validate_source(op.source, piped ? &members : nullptr);
    std::optional<std::string> processed = run_pipeline(
        op.pipeline, *index, op.source, result.pipeline_ran, piped ? &members : nullptr);
    const std::string_view source = processed ? std::string_view(*processed) : op.source;
    const bool create = op.create || auto_id;
    result.outcome = index->write(
        id,
        [&](const DocVersion* current) {
          check_concurrency(op.concurrency, id, current, *index);
          if (create && current) {
            throw with_index(
                EsError(409, "version_conflict_engine_exception",
                        "[" + id +
                            "]: version conflict, document already exists (current version [" +
                            std::to_string(current->version()) + "])"),
                *index);
          }
          return WriteDecision::put_view(source);
        },
        store_.steady_now());
  } catch (const EsError& e) {
    result.error = e;
  }
  return result;
}

OpResult DocOperations::update(const UpdateOp& op) {
  if (const auto problem = id_problem(op.id)) return failed(op.index, op.id, bad_request(*problem));
  json::object doc;
  std::optional<json::object> upsert;
  bool doc_as_upsert = false;
  bool detect_noop = true;
  bool has_doc = false;
  try {
    const json::object body = parse_json_object(op.body, "update request");
    for (const auto& member : body) {
      const auto key = member.key();
      const auto& v = member.value();
      if (key == "doc") {
        if (!v.is_object()) throw parse_error("[1:8] [UpdateRequest] failed to parse field [doc]");
        doc = v.get_object();
        has_doc = true;
      } else if (key == "upsert") {
        if (!v.is_object())
          throw parse_error("[1:11] [UpdateRequest] failed to parse field [upsert]");
        upsert = v.get_object();
      } else if (key == "doc_as_upsert") {
        if (!v.is_bool())
          throw parse_error("[UpdateRequest] failed to parse field [doc_as_upsert]");
        doc_as_upsert = v.get_bool();
      } else if (key == "detect_noop") {
        if (!v.is_bool()) throw parse_error("[UpdateRequest] failed to parse field [detect_noop]");
        detect_noop = v.get_bool();
      } else if (key == "script" || key == "scripted_upsert") {
        throw bad_request("scripted updates are not supported by es-emulator; use a partial [doc]");
      } else if (key == "_source" || key == "if_seq_no" || key == "if_primary_term") {
        continue;
      } else {
        throw parse_error("[1:2] [UpdateRequest] unknown field [" + std::string(key) + "]");
      }
    }
    if (!has_doc) throw validation_failed({"script or doc is missing"});
    if (doc_as_upsert && upsert)
      throw validation_failed({"upsert requests don't support `doc_as_upsert`"});
  } catch (const EsError& e) {
    return failed(op.index, op.id, e);
  }

  std::shared_ptr<Index> index;
  try {
    index = store_.index_for_write(op.index);
  } catch (const EsError& e) {
    return failed(op.index, op.id, e);
  }
  OpResult result;
  result.index = index->name();
  result.index_uuid = index->uuid();
  result.id = op.id;
  result.target = index;
  try {
    // Elasticsearch runs the pipeline on the document that would be indexed as the upsert:
    // the doc itself with doc_as_upsert, else the upsert document.
    if (doc_as_upsert) {
      if (auto processed = run_pipeline(op.pipeline, *index, to_json(doc), result.pipeline_ran)) {
        doc = json::parse(*processed).get_object();
      }
    } else if (upsert) {
      if (auto processed =
              run_pipeline(op.pipeline, *index, to_json(*upsert), result.pipeline_ran)) {
        upsert = json::parse(*processed).get_object();
      }
    }
    result.outcome = index->write(
        op.id,
        [&](const DocVersion* current) {
          if (!current) {
            if (op.concurrency.if_seq_no || op.concurrency.if_primary_term)
              throw document_missing(op.id, *index);
            if (doc_as_upsert) return WriteDecision::put(to_json(doc));
            if (upsert) return WriteDecision::put(to_json(*upsert));
            throw document_missing(op.id, *index);
          }
          check_concurrency(op.concurrency, op.id, current, *index);
          json::value merged = json::parse(current->source());
          const bool changed = merge_into(merged.get_object(), doc);
          if (!changed && detect_noop) return WriteDecision::noop();
          return WriteDecision::put(to_json(merged));
        },
        store_.steady_now());
  } catch (const EsError& e) {
    result.error = e;
  }
  return result;
}

OpResult DocOperations::remove(const DeleteOp& op) {
  if (const auto problem = id_problem(op.id)) return failed(op.index, op.id, bad_request(*problem));
  std::shared_ptr<Index> index;
  try {
    index = store_.index_for_write(op.index);
  } catch (const EsError& e) {
    return failed(op.index, op.id, e);
  }
  OpResult result;
  result.index = index->name();
  result.index_uuid = index->uuid();
  result.id = op.id;
  result.target = index;
  try {
    result.outcome = index->write(
        op.id,
        [&](const DocVersion* current) {
          check_concurrency(op.concurrency, op.id, current, *index);
          return WriteDecision::remove();
        },
        store_.steady_now());
  } catch (const EsError& e) {
    result.error = e;
  }
  return result;
}

void append_op_result(std::string& out, const OpResult& result, bool with_status,
                      bool forced_refresh) {
  out += "{\"_index\":\"";
  core::append_json_escaped(out, result.index);
  out += "\",\"_id\":\"";
  core::append_json_escaped(out, result.id);
  out += '"';
  if (result.error) {
    out += ",\"status\":";
    out += std::to_string(result.status());
    out += ",\"error\":";
    result.error->append_object(out);
    out += '}';
    return;
  }
  const bool noop = result.outcome.result == WriteResult::Noop;
  out += ",\"_version\":";
  out += std::to_string(result.outcome.version);
  out += ",\"result\":\"";
  out += write_result_name(result.outcome.result);
  out += noop ? "\",\"_shards\":{\"total\":0,\"successful\":0,\"failed\":0}"
              : "\",\"_shards\":{\"total\":2,\"successful\":1,\"failed\":0}";
  if (forced_refresh && !noop) out += ",\"forced_refresh\":true";
  out += ",\"_seq_no\":";
  out += std::to_string(result.outcome.seq_no);
  out += ",\"_primary_term\":1";
  if (with_status) {
    out += ",\"status\":";
    out += std::to_string(result.status());
  }
  out += '}';
}

}  // namespace connectors::emulator
