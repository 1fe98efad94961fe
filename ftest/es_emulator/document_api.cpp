// Document endpoints: index (_doc, _create), get (_doc, _source, HEAD), delete, update,
// and _mget.

#include <boost/json.hpp>

#include "core/json_writer.hpp"
#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/source_filter.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

enum class Refresh { None, Immediate, WaitFor };

Refresh refresh_param(const Params& params) {
  const auto value = params.get("refresh");
  if (!value || *value == "false") return Refresh::None;
  if (value->empty() || *value == "true") return Refresh::Immediate;
  if (*value == "wait_for") return Refresh::WaitFor;
  throw bad_request("Unknown value for refresh: [" + *value + "].");
}

Concurrency concurrency_params(const Params& params) {
  Concurrency c;
  if (const auto n = params.get_long("if_seq_no")) c.if_seq_no = *n;
  if (const auto n = params.get_long("if_primary_term")) c.if_primary_term = *n;
  if (c.if_seq_no && *c.if_seq_no < 0) {
    throw validation_failed(
        {"sequence number must be non negative. got [" + std::to_string(*c.if_seq_no) + "]."});
  }
  if (c.if_primary_term && *c.if_primary_term <= 0) {
    throw validation_failed(
        {"primary term must be positive. got [" + std::to_string(*c.if_primary_term) + "]."});
  }
  if (c.if_seq_no && !c.if_primary_term)
    throw validation_failed({"ifSeqNo is set, but primary term is [0]"});
  if (c.if_primary_term && !c.if_seq_no) {
    throw validation_failed({"ifSeqNo is unassigned, but primary term is [" +
                             std::to_string(*c.if_primary_term) + "]"});
  }
  return c;
}

void reject_external_versioning(const Params& params) {
  if (params.has("version") || params.has("version_type")) {
    throw bad_request(
        "external versioning (version, version_type) is not supported by es-emulator");
  }
}

Response write_response(const OpResult& result, Refresh refresh) {
  if (result.error) throw *result.error;
  if (refresh != Refresh::None && result.target && result.outcome.result != WriteResult::Noop) {
    result.target->refresh();
  }
  std::string out;
  append_op_result(out, result, false, refresh == Refresh::Immediate);
  return json_response(result.status(), std::move(out));
}

void check_id(const std::string& id) {
  if (const auto problem = id_problem(id)) throw validation_failed({*problem});
}

Response index_document(Cluster& cluster, const Request& request, const std::string& index,
                        const std::string& id, bool create) {
  if (!has_body(request)) throw request_body_required();
  reject_external_versioning(request.params);
  check_id(id);
  const auto op_type = request.params.get("op_type");
  if (op_type && *op_type != "index" && *op_type != "create") {
    throw bad_request("opType must be 'create' or 'index', found: [" + *op_type + "]");
  }
  IndexOp op;
  op.index = index;
  op.id = id;
  op.source = request.body;
  op.create = create || (op_type && *op_type == "create");
  op.concurrency = concurrency_params(request.params);
  if (op.create && op.concurrency.if_seq_no) {
    throw validation_failed(
        {"create operations do not support compare and set. use index instead"});
  }
  op.pipeline = request.params.get("pipeline");
  const Refresh refresh = refresh_param(request.params);
  return write_response(cluster.docs().index(op), refresh);
}

std::shared_ptr<Index> existing_index(Store& store, const std::string& name) {
  auto index = store.find(name);
  if (!index) throw index_not_found(name);
  return index;
}

void append_get_result(std::string& out, const Index& index, std::string_view id, const DocRef& doc,
                       const SourceFilter& filter) {
  out += "{\"_index\":\"";
  core::append_json_escaped(out, index.name());
  out += "\",\"_id\":\"";
  core::append_json_escaped(out, id);
  out += '"';
  if (!doc) {
    out += ",\"found\":false}";
    return;
  }
  out += ",\"_version\":";
  out += std::to_string(doc->version());
  out += ",\"_seq_no\":";
  out += std::to_string(doc->seq_no());
  out += ",\"_primary_term\":1,\"found\":true";
  if (filter.fetch()) {
    out += ",\"_source\":";
    filter.apply(doc->source(), out);
  }
  out += '}';
}

}  // namespace

void register_document_api(Router& router, Cluster& cluster) {
  Store& store = cluster.store();

  auto put_doc = [&cluster](const Request& request, const PathParams& path) {
    return index_document(cluster, request, path.get("index"), path.get("id"), false);
  };
  router.add(Method::Put, "/{index}/_doc/{id}", put_doc);
  router.add(Method::Post, "/{index}/_doc/{id}", put_doc);
  router.add(Method::Post, "/{index}/_doc",
             [&cluster](const Request& request, const PathParams& path) {
               return index_document(cluster, request, path.get("index"), "", false);
             });
  auto create_doc = [&cluster](const Request& request, const PathParams& path) {
    return index_document(cluster, request, path.get("index"), path.get("id"), true);
  };
  router.add(Method::Put, "/{index}/_create/{id}", create_doc);
  router.add(Method::Post, "/{index}/_create/{id}", create_doc);

  auto get_doc = [&store](const Request& request, const PathParams& path) {
    const auto index = existing_index(store, path.get("index"));
    if (request.params.get_bool("refresh", false)) index->refresh();
    const std::string& id = path.get("id");
    const DocRef doc = index->get(id, request.params.get_bool("realtime", true));
    const SourceFilter filter = SourceFilter::from_params(request.params, SourceFilter{});
    std::string out;
    append_get_result(out, *index, id, doc, filter);
    return json_response(doc ? 200 : 404, std::move(out));
  };
  router.add(Method::Get, "/{index}/_doc/{id}", get_doc);
  router.add(Method::Head, "/{index}/_doc/{id}", get_doc);

  auto get_source = [&store](const Request& request, const PathParams& path) {
    const auto index = existing_index(store, path.get("index"));
    const std::string& id = path.get("id");
    const DocRef doc = index->get(id, request.params.get_bool("realtime", true));
    if (!doc) {
      EsError error(404, "resource_not_found_exception",
                    "Document not found [" + index->name() + "]/[" + id + "]");
      throw error;
    }
    std::string out;
    SourceFilter::from_params(request.params, SourceFilter{}).apply(doc->source(), out);
    return ok(std::move(out));
  };
  router.add(Method::Get, "/{index}/_source/{id}", get_source);
  router.add(Method::Head, "/{index}/_source/{id}", get_source);

  router.add(Method::Delete, "/{index}/_doc/{id}",
             [&cluster](const Request& request, const PathParams& path) {
               reject_external_versioning(request.params);
               check_id(path.get("id"));
               DeleteOp op{path.get("index"), path.get("id"), concurrency_params(request.params)};
               const Refresh refresh = refresh_param(request.params);
               OpResult result = cluster.docs().remove(op);
               return write_response(result, refresh);
             });

  router.add(Method::Post, "/{index}/_update/{id}",
             [&cluster](const Request& request, const PathParams& path) {
               if (!has_body(request)) throw request_body_required();
               check_id(path.get("id"));
               UpdateOp op{path.get("index"), path.get("id"), request.body,
                           concurrency_params(request.params), request.params.get("pipeline")};
               const Refresh refresh = refresh_param(request.params);
               return write_response(cluster.docs().update(op), refresh);
             });

  auto mget = [&store](const Request& request, const PathParams& path) {
    const json::object body = body_object(request, true);
    const std::string& default_index = path.get("index");
    struct Item {
      std::string index;
      std::string id;
    };
    std::vector<Item> items;
    for (const auto& member : body) {
      if (member.key() != "docs" && member.key() != "ids") {
        // MultiGetRequest's own wording, trailing space included.
        throw EsError(400, "parse_exception",
                      "unknown parameter [" + std::string(member.key()) +
                          "] in request body or parameter is of the wrong type[" +
                          jackson_token_name(member.value()) + "] ");
      }
    }
    if (const auto* docs = body.if_contains("docs")) {
      if (!docs->is_array()) throw parse_error("[mget] [docs] must be an array");
      for (const auto& d : docs->get_array()) {
        if (!d.is_object()) throw parse_error("[mget] docs entries must be objects");
        const auto* id = d.get_object().if_contains("_id");
        const auto* idx = d.get_object().if_contains("_index");
        if (!id || !id->is_string()) throw validation_failed({"id is missing"});
        items.push_back({idx && idx->is_string() ? std::string(idx->get_string()) : default_index,
                         std::string(id->get_string())});
      }
    } else if (const auto* ids = body.if_contains("ids")) {
      if (!ids->is_array()) throw parse_error("[mget] [ids] must be an array");
      for (const auto& id : ids->get_array()) {
        if (!id.is_string()) throw parse_error("[mget] ids must be strings");
        items.push_back({default_index, std::string(id.get_string())});
      }
    } else {
      throw validation_failed({"no documents to get"});
    }
    const SourceFilter filter = SourceFilter::from_params(request.params, SourceFilter{});
    const bool realtime = request.params.get_bool("realtime", true);
    std::string out = "{\"docs\":[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ',';
      if (items[i].index.empty())
        throw validation_failed({"index is missing for doc " + std::to_string(i)});
      const auto index = store.find(items[i].index);
      if (!index) {
        out += "{\"_index\":\"";
        core::append_json_escaped(out, items[i].index);
        out += "\",\"_id\":\"";
        core::append_json_escaped(out, items[i].id);
        out += "\",\"error\":";
        index_not_found(items[i].index).append_object(out);
        out += '}';
        continue;
      }
      append_get_result(out, *index, items[i].id, index->get(items[i].id, realtime), filter);
    }
    out += "]}";
    return ok(std::move(out));
  };
  router.add(Method::Get, "/_mget", mget);
  router.add(Method::Post, "/_mget", mget);
  router.add(Method::Get, "/{index}/_mget", mget);
  router.add(Method::Post, "/{index}/_mget", mget);
}

}  // namespace connectors::emulator
