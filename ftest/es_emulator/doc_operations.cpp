#include "ftest/es_emulator/doc_operations.hpp"

#include "core/json_writer.hpp"
#include "ftest/es_emulator/body_reader.hpp"
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

// The metadata check for a source the emulator wrote itself (an update's result).
void check_parsed_source(std::string_view text, std::string_view id) {
  if (text.find("\"_") == std::string_view::npos) return;
  std::vector<JsonMember> members;
  JsonKind kind;
  if (!scan_json(text, &kind, &members)) check_metadata_fields(text, members, id);
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

namespace {

// A parsed value as Java's toString() prints it, for the "Preview of field's value".
void append_java_text(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::string: out.append(value.get_string().data(), value.get_string().size()); break;
    case json::kind::null: out += "null"; break;
    case json::kind::double_: append_java_double(out, value.get_double()); break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        append_java_text(out, item);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        out.append(key.data(), key.size());
        out += '=';
        append_java_text(out, item);
      }
      out += '}';
      break;
    }
    default: out += json::serialize(value);
  }
}

}  // namespace

bool is_metadata_field(std::string_view name) {
  static constexpr std::string_view kMetadata[] = {
      "_id",      "_index",      "_routing",       "_source",        "_version",
      "_seq_no",  "_ignored",    "_ignored_source", "_field_names",  "_doc_count",
      "_tier",    "_nested_path", "_tsid",         "_ts_routing_hash", "_index_mode",
      "_data_stream_timestamp"};
  if (name.empty() || name[0] != '_') return false;
  for (const auto field : kMetadata) {
    if (field == name) return true;
  }
  return false;
}

void check_metadata_fields(std::string_view source, const std::vector<JsonMember>& members,
                           std::string_view id) {
  for (const auto& member : members) {
    const std::string_view name = member.key();
    if (!is_metadata_field(name)) continue;
    const std::string_view value_text = source.substr(member.value_begin, member.end - member.value_begin);
    const json::value value = json::parse(value_text);
    std::string preview;
    append_java_text(preview, value);
    // Elasticsearch reports the value's first token, and for an object or an array the
    // token it read up to (the closing bracket) in the outer message.
    const bool container = value.is_object() || value.is_array();
    const std::string at_value = text_location(source, member.value_begin);
    const std::string at_end = container ? text_location(source, member.end - 1) : at_value;
    EsError error(400, "document_parsing_exception",
                  at_end + " failed to parse field [" + std::string(name) + "] of type [" +
                      std::string(name) + "] in document with id '" + std::string(id) +
                      "'. Preview of field's value: '" + preview + "'");
    error.caused(EsError(400, "document_parsing_exception",
                         at_value + " Field [" + std::string(name) +
                             "] is a metadata field and cannot be added inside a document. Use the "
                             "index API request parameters."));
    throw error;
  }
}

DocOperations::DocOperations(Store& store, const PipelineRegistry& pipelines)
    : store_(store), pipelines_(pipelines) {}

std::shared_ptr<Index> DocOperations::index_for_write(const std::string& name, ResolveCache* cache) {
  if (cache && cache->index && cache->index_name == name) return cache->index;
  auto index = store_.index_for_write(name);
  if (cache) {
    cache->index_name = name;
    cache->index = index;
    cache->default_pipeline = index->default_pipeline();
  }
  return index;
}

OpResult DocOperations::start_result(const std::string& index_name, const std::string& id,
                                     ResolveCache* cache) {
  OpResult result;
  try {
    result.target = index_for_write(index_name, cache);
  } catch (const EsError& e) {
    return failed(index_name, id, e);
  }
  result.index = result.target->name();
  result.id = id;
  return result;
}

std::optional<std::string> DocOperations::default_pipeline(const Index& index, ResolveCache* cache) const {
  if (cache && cache->index.get() == &index) return cache->default_pipeline;
  return index.default_pipeline();
}

std::optional<std::string> DocOperations::run_pipeline(
    const std::optional<std::string>& name, const Index& index, std::string_view source, bool& ran,
    const std::vector<JsonMember>* members, ResolveCache* cache) const {
  std::optional<std::string> id = name;
  if (!id) id = default_pipeline(index, cache);
  if (!id || *id == "_none") return std::nullopt;
  std::shared_ptr<const Pipeline> pipeline;
  if (cache && cache->pipeline && cache->pipeline_id == *id) {
    pipeline = cache->pipeline;
  } else {
    pipeline = pipelines_.find(*id);
    if (!pipeline) throw bad_request("pipeline with id [" + *id + "] does not exist");
    if (cache) {
      cache->pipeline_id = *id;
      cache->pipeline = pipeline;
    }
  }
  ran = true;
  return pipeline->apply(source, members);
}

OpResult DocOperations::index(const IndexOp& op, ResolveCache* cache) {
  std::string id = op.id;
  const bool auto_id = id.empty();
  if (auto_id) id = store_.ids().document_id();
  if (const auto problem = id_problem(id)) return failed(op.index, id, bad_request(*problem));
  OpResult result = start_result(op.index, id, cache);
  if (!result.target) return result;
  const std::shared_ptr<Index>& index = result.target;
  try {
    // One scan validates the source and gives the pipeline its top-level members.
    std::vector<JsonMember> members;
    members.reserve(16);
    const bool piped = (op.pipeline && *op.pipeline != "_none") ||
                       (!op.pipeline && default_pipeline(*index, cache));
    // A metadata field is a top-level key starting with '_'; most documents have no "_ at all.
    const bool underscored = op.source.find("\"_") != std::string_view::npos;
    validate_source(op.source, piped || underscored ? &members : nullptr);
    if (underscored) check_metadata_fields(op.source, members, id);
    std::optional<std::string> processed = run_pipeline(
        op.pipeline, *index, op.source, result.pipeline_ran, piped ? &members : nullptr, cache);
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
        if (!v.is_object()) throw parse_error("[UpdateRequest] failed to parse field [doc]");
        doc = v.get_object();
        has_doc = true;
      } else if (key == "upsert") {
        if (!v.is_object())
          throw parse_error("[UpdateRequest] failed to parse field [upsert]");
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
        throw parse_error("[UpdateRequest] unknown field [" + std::string(key) + "]");
      }
    }
    if (!has_doc) throw validation_failed({"script or doc is missing"});
    if (doc_as_upsert && upsert)
      throw validation_failed({"upsert requests don't support `doc_as_upsert`"});
  } catch (const EsError& e) {
    return failed(op.index, op.id, add_field_location(e, op.body));
  }

  OpResult result = start_result(op.index, op.id, nullptr);
  if (!result.target) return result;
  const std::shared_ptr<Index>& index = result.target;
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
            if (doc_as_upsert || upsert) {
              std::string text = to_json(doc_as_upsert ? doc : *upsert);
              check_parsed_source(text, op.id);
              return WriteDecision::put(std::move(text));
            }
            throw document_missing(op.id, *index);
          }
          check_concurrency(op.concurrency, op.id, current, *index);
          json::value merged = json::parse(current->source());
          const bool changed = merge_into(merged.get_object(), doc);
          if (!changed && detect_noop) return WriteDecision::noop();
          std::string text = to_json(merged);
          check_parsed_source(text, op.id);
          return WriteDecision::put(std::move(text));
        },
        store_.steady_now());
  } catch (const EsError& e) {
    result.error = e;
  }
  return result;
}

OpResult DocOperations::remove(const DeleteOp& op, ResolveCache* cache) {
  if (const auto problem = id_problem(op.id)) return failed(op.index, op.id, bad_request(*problem));
  OpResult result = start_result(op.index, op.id, cache);
  if (!result.target) return result;
  const std::shared_ptr<Index>& index = result.target;
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
