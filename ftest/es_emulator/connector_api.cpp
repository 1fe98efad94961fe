// The connector endpoints of Elasticsearch's connector API (PUT/POST/GET/DELETE
// /_connector[/{id}] and the PUT /_connector/{id}/_<part> updates).
//
// Each handler validates its request as Elasticsearch's action does, then reads and writes
// the connector document in .elastic-connectors-v1. Endpoints that look the connector up
// first answer a missing (or soft-deleted) connector with 404 resource_not_found_exception
// "connector [id] not found"; the plain partial updates answer 404
// document_missing_exception, as in Elasticsearch.

#include <algorithm>

#include <boost/json.hpp>

#include "ftest/es_emulator/body_reader.hpp"
#include "ftest/es_emulator/connector_documents.hpp"
#include "ftest/es_emulator/connector_states.hpp"
#include "ftest/es_emulator/filtering_rules.hpp"
#include "ftest/es_emulator/index_name.hpp"
#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/search.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

std::string not_found_text(std::string_view id) {
  return "connector [" + std::string(id) + "] not found";
}

bool soft_deleted(const json::object& doc) {
  const auto* deleted = doc.if_contains("deleted");
  return deleted && deleted->is_bool() && deleted->get_bool();
}

class ConnectorService {
 public:
  explicit ConnectorService(Cluster& cluster) : cluster_(cluster), store_(cluster.store()) {}

  std::string now() { return format_es_instant(cluster_.instants().next()); }

  // The connector document, or 404 resource_not_found_exception.
  json::object load(const std::string& id, bool include_deleted) {
    const auto index = find_system_index(store_, kConnectorsIndex);
    if (!index) throw resource_not_found(not_found_text(id));
    auto doc = read_live(*index, id);
    if (!doc) throw resource_not_found(not_found_text(id));
    if (!include_deleted && soft_deleted(*doc)) throw resource_not_found(not_found_text(id));
    return std::move(*doc);
  }

  // A partial update of connector `id`: {"result":"updated"|"noop"}.
  Response update(const std::string& id, const json::object& partial, bool detect_noop = true) {
    const auto index = find_system_index(store_, kConnectorsIndex);
    if (!index) throw resource_not_found(not_found_text(id));
    const std::string result = update_document(
        *index, store_, id, partial,
        [&] {
          EsError error(404, "document_missing_exception", "[" + id + "]: document missing");
          error.with("index_uuid", index->uuid()).with("shard", "0").with("index", index->name());
          return error;
        },
        detect_noop);
    return ok("{\"result\":\"" + result + "\"}");
  }

  // Whether a connector other than `self` (and not soft-deleted) uses `index_name`.
  bool index_name_in_use(const std::string& index_name, const std::string& self) {
    const auto index = find_system_index(store_, kConnectorsIndex);
    if (!index) return false;
    bool used = false;
    index->for_each_live([&](const DocRef& doc) {
      if (doc->id() == self) return true;
      const json::value parsed = json::parse(doc->source());
      const auto& object = parsed.get_object();
      const auto* name = object.if_contains("index_name");
      if (soft_deleted(object)) return true;
      if (name && name->is_string() && name->get_string() == index_name) {
        used = true;
        return false;
      }
      return true;
    });
    return used;
  }

  Response create(const Request& request, std::string id) {
    const json::object body = body_object(request, false);
    const BodyReader reader(
        body, "connector_put_request",
        {"description", "index_name", "is_native", "language", "name", "service_type"});
    ConnectorCreate create;
    create.description = reader.string("description");
    create.index_name = reader.string("index_name");
    create.is_native = reader.boolean("is_native").value_or(false);
    create.language = reader.string("language");
    create.name = reader.string("name");
    create.service_type = reader.string("service_type");

    std::vector<std::string> problems;
    if (create.index_name) {
      if (const auto problem = index_name_problem(*create.index_name, false)) {
        problems.push_back(invalid_index_name_text(*create.index_name, *problem));
      }
      if (create.is_native && create.index_name->rfind(kManagedIndexPrefix, 0) != 0) {
        problems.push_back("Index [" + *create.index_name +
                           "] is invalid. Index attached to an Elastic-managed connector must "
                           "start with the prefix: [" +
                           std::string(kManagedIndexPrefix) + "]");
      }
    }
    if (!problems.empty()) throw validation_failed(problems);
    if (create.index_name && index_name_in_use(*create.index_name, id)) {
      throw status_exception(
          400, "Index name [" + *create.index_name + "] is used by another connector.");
    }
    if (id.empty()) id = cluster_.ids().document_id();
    const auto index = ensure_system_index(store_, kConnectorsAlias);
    const WriteResult result =
        put_document(*index, store_, id, new_connector_document(create, now()));
    const bool created = result == WriteResult::Created;
    json::object response{{"id", id}, {"result", created ? "created" : "updated"}};
    return json_response(created ? 201 : 200, to_json(response));
  }

  Cluster& cluster() { return cluster_; }
  Store& store() { return store_; }

 private:
  Cluster& cluster_;
  Store& store_;
};

const std::string& connector_id(const PathParams& path) {
  const std::string& id = path.get("connector_id");
  require_id(id, "connector_id");
  return id;
}

// The first (and in practice only) filtering entry of a connector document.
json::object first_filtering(const json::object& connector) {
  const auto* filtering = connector.if_contains("filtering");
  if (!filtering || !filtering->is_array() || filtering->get_array().empty() ||
      !filtering->get_array()[0].is_object()) {
    throw EsError(500, "exception", "connector has no filtering configuration");
  }
  return filtering->get_array()[0].get_object();
}

// PUT /_connector/{id}/_<part> with the body {"<part>": value}: the value is required,
// checked and normalised by `parse`, and replaces the connector's <part>.
void add_part_update(Router& router, const std::shared_ptr<ConnectorService>& service,
                     const std::string& part, json::object (*parse)(const json::value&)) {
  router.add(Method::Put, "/_connector/{connector_id}/_" + part,
             [service, part, parse](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(body, "connector_update_" + part + "_request", {part});
               const auto* value = reader.get(part);
               if (!value || value->is_null())
                 throw validation_failed({"[" + part + "] cannot be null."});
               return service->update(id, json::object{{part, parse(*value)}});
             });
}

}  // namespace

void register_connector_api(Router& router, Cluster& cluster) {
  auto service = std::make_shared<ConnectorService>(cluster);

  router.add(Method::Put, "/_connector/{connector_id}",
             [service](const Request& request, const PathParams& path) {
               return service->create(request, connector_id(path));
             });
  router.add(Method::Put, "/_connector", [service](const Request& request, const PathParams&) {
    return service->create(request, "");
  });
  router.add(Method::Post, "/_connector", [service](const Request& request, const PathParams&) {
    return service->create(request, "");
  });

  router.add(Method::Get, "/_connector/{connector_id}",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object doc =
                   service->load(id, request.params.get_bool("include_deleted", false));
               return ok(with_id(id, to_json(doc)));
             });

  router.add(Method::Get, "/_connector", [service](const Request& request, const PathParams&) {
    const auto& params = request.params;
    const std::int64_t from = params.get_long("from").value_or(0);
    const std::int64_t size = params.get_long("size").value_or(100);
    std::vector<std::string> problems;
    check_page(from, size, problems);
    if (from + size > kMaxResultWindow) {
      problems.push_back("Combination of [from] and [size] exceeds max result window size [" +
                         std::to_string(kMaxResultWindow) + "]");
    }
    const auto index_names = params.get_list("index_name");
    for (const auto& name : index_names) {
      if (const auto problem = index_name_problem(name, false)) {
        problems.push_back(invalid_index_name_text(name, *problem));
      }
    }
    if (!problems.empty()) throw validation_failed(problems);
    const auto names = params.get_list("connector_name");
    const auto service_types = params.get_list("service_type");
    const std::string query = params.get_or("query", "");
    const bool include_deleted = params.get_bool("include_deleted", false);

    const auto index = find_system_index(service->store(), kConnectorsIndex);
    if (!index) return ok("{\"count\":0,\"results\":[]}");
    index->maybe_refresh(service->store().steady_now());
    struct Entry {
      std::string id;
      std::string source;
      std::optional<std::string> index_name;
    };
    std::vector<Entry> entries;
    auto in = [](const std::vector<std::string>& list, const json::value* v) {
      return v && v->is_string() &&
             std::find(list.begin(), list.end(), std::string_view(v->get_string())) != list.end();
    };
    auto contains = [&](const json::value* v) {
      return v && v->is_string() &&
             std::string_view(v->get_string()).find(query) != std::string_view::npos;
    };
    index->for_each_visible([&](const DocRef& doc) {
      const json::value parsed = json::parse(doc->source());
      const auto& c = parsed.get_object();
      if (!include_deleted && soft_deleted(c)) return true;
      if (!index_names.empty() && !in(index_names, c.if_contains("index_name"))) return true;
      if (!names.empty() && !in(names, c.if_contains("name"))) return true;
      if (!service_types.empty() && !in(service_types, c.if_contains("service_type"))) return true;
      if (!query.empty() && !contains(c.if_contains("index_name")) &&
          !contains(c.if_contains("name")) && !contains(c.if_contains("description"))) {
        return true;
      }
      const auto* index_name = c.if_contains("index_name");
      entries.push_back(
          Entry{std::string(doc->id()), std::string(doc->source()),
                index_name && index_name->is_string()
                    ? std::optional<std::string>(std::string(index_name->get_string()))
                    : std::nullopt});
      return true;
    });
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      if (a.index_name && b.index_name) return *a.index_name < *b.index_name;
      return a.index_name.has_value() && !b.index_name.has_value();
    });
    return ok(list_response(entries, from, size));
  });

  router.add(Method::Delete, "/_connector/{connector_id}",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const bool hard = request.params.get_bool("hard", false);
               const bool delete_jobs = request.params.get_bool("delete_sync_jobs", false);
               Store& store = service->store();
               const auto index = find_system_index(store, kConnectorsIndex);
               if (!index) throw resource_not_found(not_found_text(id));
               if (hard) {
                 if (delete_document(*index, store, id) == WriteResult::NotFound)
                   throw resource_not_found(not_found_text(id));
               } else {
                 service->load(id, false);
                 service->update(id, json::object{{"deleted", true}});
               }
               if (delete_jobs) {
                 if (const auto jobs = find_system_index(store, kSyncJobsIndex)) {
                   std::vector<std::string> doomed;
                   jobs->for_each_live([&](const DocRef& doc) {
                     const json::value parsed = json::parse(doc->source());
                     const auto* connector = parsed.get_object().if_contains("connector");
                     if (connector && connector->is_object()) {
                       const auto* cid = connector->get_object().if_contains("id");
                       if (cid && cid->is_string() && cid->get_string() == id)
                         doomed.emplace_back(doc->id());
                     }
                     return true;
                   });
                   for (const auto& job : doomed) {
                     jobs->write(
                         job, [](const DocVersion*) { return WriteDecision::remove(); },
                         store.steady_now());
                   }
                   jobs->refresh();
                 }
               }
               return ok("{\"acknowledged\":true}");
             });

  router.add(Method::Put, "/_connector/{connector_id}/_check_in",
             [service](const Request&, const PathParams& path) {
               const std::string& id = connector_id(path);
               return service->update(id, json::object{{"last_seen", service->now()}});
             });

  router.add(Method::Put, "/_connector/{connector_id}/_configuration",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(body, "connector_update_configuration_request",
                                       {"configuration", "values"});
               const bool has_configuration = reader.has_value("configuration");
               const bool has_values = reader.has_value("values");
               if (has_configuration && has_values) {
                 throw validation_failed(
                     {"[configuration] and [values] cannot both be provided in the same request."});
               }
               if (!has_configuration && !has_values) {
                 throw validation_failed({"[configuration] and [values] cannot both be null."});
               }
               json::object configuration;
               if (has_configuration)
                 configuration = parse_configuration(*reader.get("configuration"));
               const auto* values = reader.object("values");
               const json::object connector = service->load(id, false);
               if (has_configuration) {
                 // Elasticsearch replaces the map with a script, which always reports "updated".
                 const auto index = find_system_index(service->store(), kConnectorsIndex);
                 index->write(
                     id,
                     [&](const DocVersion* current) {
                       if (!current) throw resource_not_found(not_found_text(id));
                       json::value doc = json::parse(current->source());
                       doc.get_object()["configuration"] = configuration;
                       doc.get_object()["status"] = to_string(ConnectorStatus::Configured);
                       return WriteDecision::put(to_json(doc));
                     },
                     service->store().steady_now());
                 index->refresh();
                 return ok("{\"result\":\"updated\"}");
               }
               const auto* existing = connector.if_contains("configuration");
               std::vector<std::string> unknown;
               json::object partial_configuration;
               for (const auto& member : *values) {
                 if (!existing || !existing->is_object() ||
                     !existing->get_object().contains(member.key())) {
                   unknown.emplace_back(member.key());
                   continue;
                 }
                 partial_configuration[member.key()] = json::object{{"value", member.value()}};
               }
               if (!unknown.empty()) {
                 std::string list;
                 for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
                 throw status_exception(
                     400, "Unknown [configuration] fields in the request payload: [" + list +
                              "]. Remove them from request or register their schema first.");
               }
               return service->update(
                   id, json::object{{"configuration", std::move(partial_configuration)},
                                    {"status", to_string(ConnectorStatus::Configured)}});
             });

  router.add(Method::Put, "/_connector/{connector_id}/_error",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(body, "connector_update_error_request", {"error"});
               if (!reader.has("error"))
                 throw parse_error("[connector_update_error_request] Required [error]");
               const auto error = reader.string("error");
               const bool has_error = error && !error->empty();
               json::object partial{{"error", error ? json::value(*error) : json::value(nullptr)},
                                    {"status", to_string(has_error ? ConnectorStatus::Error
                                                                   : ConnectorStatus::Connected)}};
               return service->update(id, partial);
             });

  router.add(
      Method::Put, "/_connector/{connector_id}/_name",
      [service](const Request& request, const PathParams& path) {
        const std::string& id = connector_id(path);
        const json::object body = body_object(request, true);
        const BodyReader reader(body, "connector_update_name_request", {"name", "description"});
        const auto name = reader.string("name");
        const auto description = reader.string("description");
        if (!name && !description)
          throw validation_failed({"[name] and [description] cannot both be null."});
        json::object partial;
        if (name) partial["name"] = *name;
        if (description) partial["description"] = *description;
        return service->update(id, partial);
      });

  add_part_update(router, service, "pipeline", parse_pipeline);

  add_part_update(router, service, "scheduling", parse_scheduling);

  router.add(
      Method::Put, "/_connector/{connector_id}/_filtering",
      [service](const Request& request, const PathParams& path) {
        const std::string& id = connector_id(path);
        const json::object body = body_object(request, true);
        const BodyReader reader(body, "connector_update_filtering_request",
                                {"filtering", "advanced_snippet", "rules"});
        const std::string now = service->now();
        const bool has_filtering = reader.has_value("filtering");
        const bool has_snippet = reader.has_value("advanced_snippet");
        const bool has_rules = reader.has_value("rules");
        if (!has_filtering && !has_snippet && !has_rules) {
          throw validation_failed(
              {"[filtering], [advanced_snippet] and [rules] cannot all be null."});
        }
        if (has_filtering) {
          if (has_snippet || has_rules) {
            throw validation_failed(
                {"[filtering] cannot be provided together with [advanced_snippet] or [rules]."});
          }
          const json::array filtering = parse_filtering_list(*reader.get("filtering"), now);
          if (filtering.empty()) throw validation_failed({"[filtering] cannot be empty."});
          return service->update(id, json::object{{"filtering", filtering}});
        }
        std::optional<json::object> snippet;
        if (has_snippet) snippet = parse_advanced_snippet(*reader.get("advanced_snippet"), now);
        std::optional<json::array> rules;
        if (has_rules) {
          json::array parsed;
          const auto* list = reader.array("rules");
          for (const auto& r : *list) parsed.push_back(parse_filtering_rule(r, now));
          rules = sort_filtering_rules(parsed, now);
        }
        json::object entry = first_filtering(service->load(id, false));
        json::object draft =
            entry["draft"].is_object() ? entry["draft"].get_object() : json::object{};
        json::object new_draft{
            {"advanced_snippet", snippet ? json::value(*snippet) : draft["advanced_snippet"]},
            {"rules", rules ? json::value(*rules) : draft["rules"]},
            {"validation", json::object{{"errors", json::array{}}, {"state", "edited"}}},
        };
        entry["draft"] = std::move(new_draft);
        return service->update(id, json::object{{"filtering", json::array{entry}}});
      });

  router.add(Method::Put, "/_connector/{connector_id}/_filtering/_validation",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(body, "connector_update_filtering_validation_request",
                                       {"validation"});
               const auto* validation = reader.get("validation");
               if (!validation || validation->is_null())
                 throw validation_failed({"[validation] cannot be null."});
               const json::object info = parse_validation_info(*validation);
               json::object entry = first_filtering(service->load(id, false));
               if (!entry["draft"].is_object()) entry["draft"] = json::object{};
               entry["draft"].get_object()["validation"] = info;
               return service->update(id, json::object{{"filtering", json::array{entry}}});
             });

  router.add(Method::Put, "/_connector/{connector_id}/_filtering/_activate",
             [service](const Request&, const PathParams& path) {
               const std::string& id = connector_id(path);
               json::object entry = first_filtering(service->load(id, false));
               std::string state = "edited";
               if (const auto* draft = entry.if_contains("draft"); draft && draft->is_object()) {
                 if (const auto* v = draft->get_object().if_contains("validation");
                     v && v->is_object()) {
                   if (const auto* s = v->get_object().if_contains("state"); s && s->is_string()) {
                     state = std::string(s->get_string());
                   }
                 }
               }
               if (state != "valid") {
                 throw status_exception(
                     400,
                     "Filtering draft needs to be validated by the connector service before "
                     "activation. Current filtering draft validation state [" +
                         state + "] is not equal to [valid].");
               }
               entry["active"] = entry["draft"];
               return service->update(id, json::object{{"filtering", json::array{entry}}});
             });

  router.add(Method::Put, "/_connector/{connector_id}/_status",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(body, "connector_update_status_request", {"status"});
               const auto text = reader.string("status");
               if (!text) throw validation_failed({"[status] cannot be null."});
               const auto next = parse_connector_status(*text);
               if (!next) {
                 EsError error = parse_error(
                     "[connector_update_status_request] failed to parse field [status]");
                 error.caused(bad_request("Unknown ConnectorStatus [" + *text + "]."));
                 throw error;
               }
               const json::object connector = service->load(id, false);
               const auto* current = connector.if_contains("status");
               const auto previous = current && current->is_string()
                                         ? parse_connector_status(current->get_string())
                                         : std::nullopt;
               assert_transition(previous.value_or(ConnectorStatus::Created), *next);
               return service->update(id, json::object{{"status", to_string(*next)}});
             });

  router.add(
      Method::Put, "/_connector/{connector_id}/_service_type",
      [service](const Request& request, const PathParams& path) {
        const std::string& id = connector_id(path);
        const json::object body = body_object(request, true);
        const BodyReader reader(body, "connector_update_service_type_request", {"service_type"});
        const auto service_type = reader.string("service_type");
        if (!service_type) throw validation_failed({"[service_type] cannot be null."});
        const json::object connector = service->load(id, false);
        const auto* status = connector.if_contains("status");
        const bool created = status && status->is_string() && status->get_string() == "created";
        return service->update(
            id, json::object{{"service_type", *service_type},
                             {"status", to_string(created ? ConnectorStatus::Created
                                                          : ConnectorStatus::NeedsConfiguration)}});
      });

  router.add(
      Method::Put, "/_connector/{connector_id}/_index_name",
      [service](const Request& request, const PathParams& path) {
        const std::string& id = connector_id(path);
        const json::object body = body_object(request, true);
        const BodyReader reader(body, "connector_update_index_name_request", {"index_name"});
        if (!reader.has("index_name")) {
          throw parse_error("[connector_update_index_name_request] Required [index_name]");
        }
        const auto index_name = reader.string("index_name");
        if (index_name) {
          if (const auto problem = index_name_problem(*index_name, false)) {
            throw validation_failed({invalid_index_name_text(*index_name, *problem)});
          }
          if (service->index_name_in_use(*index_name, id)) {
            throw status_exception(
                400, "Index name [" + *index_name + "] is used by another connector.");
          }
        }
        const json::object connector = service->load(id, false);
        const auto* native = connector.if_contains("is_native");
        if (index_name && native && native->is_bool() && native->get_bool() &&
            index_name->rfind(kManagedIndexPrefix, 0) != 0) {
          throw status_exception(
              400, "Index attached to an Elastic-managed connector must start with the prefix: [" +
                       std::string(kManagedIndexPrefix) + "]. The index name in the payload [" +
                       *index_name + "] doesn't comply with this requirement.");
        }
        return service->update(id, json::object{{"index_name", index_name ? json::value(*index_name)
                                                                          : json::value(nullptr)}});
      });

  router.add(
      Method::Put, "/_connector/{connector_id}/_native",
      [service](const Request& request, const PathParams& path) {
        const std::string& id = connector_id(path);
        const json::object body = body_object(request, true);
        const BodyReader reader(body, "connector_update_native_request", {"is_native"});
        const auto is_native = reader.boolean("is_native");
        if (!is_native) throw validation_failed({"[is_native] cannot be null."});
        const json::object connector = service->load(id, false);
        const auto* index_name = connector.if_contains("index_name");
        if (*is_native && index_name && index_name->is_string() &&
            std::string_view(index_name->get_string()).rfind(kManagedIndexPrefix, 0) != 0) {
          throw status_exception(
              400, "The index name [" + std::string(index_name->get_string()) +
                       "] attached to the connector [" + id +
                       "] must start with the required prefix: [" +
                       std::string(kManagedIndexPrefix) +
                       "] to be Elastic-managed. Please update the attached index first to comply "
                       "with this requirement.");
        }
        const auto* status_value = connector.if_contains("status");
        auto status = status_value && status_value->is_string()
                          ? parse_connector_status(status_value->get_string())
                          : std::nullopt;
        if (status == ConnectorStatus::Connected &&
            valid_transition(*status, ConnectorStatus::Configured)) {
          status = ConnectorStatus::Configured;
        }
        json::object partial{{"is_native", *is_native}};
        if (status) partial["status"] = to_string(*status);
        return service->update(id, partial);
      });

  router.add(Method::Put, "/_connector/{connector_id}/_api_key_id",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(body, "connector_update_api_key_id_request",
                                       {"api_key_id", "api_key_secret_id"});
               const auto key_id = reader.string("api_key_id");
               const auto secret_id = reader.string("api_key_secret_id");
               if (!key_id && !secret_id) {
                 throw validation_failed(
                     {"[api_key_id] and [api_key_secret_id] cannot both be [null]. Please "
                      "provide a value for at least one of them."});
               }
               json::object partial;
               if (key_id) partial["api_key_id"] = *key_id;
               if (secret_id) partial["api_key_secret_id"] = *secret_id;
               return service->update(id, partial);
             });

  add_part_update(router, service, "features", parse_features);

  router.add(Method::Put, "/_connector/{connector_id}/_last_sync",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = connector_id(path);
               const json::object body = body_object(request, true);
               return service->update(id, parse_last_sync(body));
             });
}

}  // namespace connectors::emulator
