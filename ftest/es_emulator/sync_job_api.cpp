// The sync-job endpoints of Elasticsearch's connector API (/_connector/_sync_job...).
//
// Jobs live in .elastic-connectors-sync-jobs-v1. A missing job answers 404
// resource_not_found_exception whose reason is the id (or "connector sync job [id] not
// found" when the index or document is missing for an update), as in Elasticsearch.
// _cancel and _error check the sync-job state machine; _claim, _check_in and _stats do not.

#include <algorithm>

#include <boost/json.hpp>

#include "ftest/es_emulator/body_reader.hpp"
#include "ftest/es_emulator/connector_documents.hpp"
#include "ftest/es_emulator/connector_states.hpp"
#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/search.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

std::string missing_text(std::string_view id) {
  return "connector sync job [" + std::string(id) + "] not found";
}

const std::string& job_id(const PathParams& path) {
  const std::string& id = path.get("connector_sync_job_id");
  require_id(id, "[connector_sync_job_id]");
  return id;
}

// The enum in field `key` of a create request, `fallback` when absent. An unknown name fails
// as Elasticsearch's parser does, naming the Java enum.
template <typename Enum>
Enum read_enum(const BodyReader& reader, const std::string& key, std::string_view java_enum,
               std::optional<Enum> (*parse)(std::string_view), Enum fallback) {
  const auto text = reader.string(key);
  if (!text) return fallback;
  const auto parsed = parse(*text);
  if (!parsed) {
    EsError error =
        parse_error("[connector_sync_job_post_request] failed to parse field [" + key + "]");
    error.caused(bad_request("Unknown " + std::string(java_enum) + " [" + *text + "]."));
    throw error;
  }
  return *parsed;
}

class SyncJobService {
 public:
  explicit SyncJobService(Cluster& cluster) : cluster_(cluster), store_(cluster.store()) {}

  std::string now() { return format_es_instant(cluster_.instants().next()); }

  json::object load(const std::string& id) {
    const auto index = find_system_index(store_, kSyncJobsIndex);
    if (!index) throw resource_not_found(missing_text(id));
    auto doc = read_live(*index, id);
    if (!doc) throw resource_not_found(id);
    return std::move(*doc);
  }

  Response update(const std::string& id, const json::object& partial) {
    const auto index = find_system_index(store_, kSyncJobsIndex);
    if (!index) throw resource_not_found(missing_text(id));
    const std::string result = update_document(
        *index, store_, id, partial, [&] { return resource_not_found(missing_text(id)); });
    return ok("{\"result\":\"" + result + "\"}");
  }

  static SyncStatus status_of(const json::object& job) {
    const auto* status = job.if_contains("status");
    const auto parsed =
        status && status->is_string() ? parse_sync_status(status->get_string()) : std::nullopt;
    return parsed.value_or(SyncStatus::Pending);
  }

  Response create(const Request& request) {
    const json::object body = body_object(request, true);
    const BodyReader reader(body, "connector_sync_job_post_request",
                            {"id", "job_type", "trigger_method"});
    const auto connector_id = reader.string("id");
    if (!connector_id || connector_id->empty()) {
      throw validation_failed({"[id] of the connector cannot be null or empty."});
    }
    const JobType job_type =
        read_enum(reader, "job_type", "ConnectorSyncJobType", parse_job_type, JobType::Full);
    const TriggerMethod trigger = read_enum(reader, "trigger_method",
                                            "ConnectorSyncJobTriggerMethod", parse_trigger_method,
                                            TriggerMethod::OnDemand);

    const auto connectors = find_system_index(store_, kConnectorsIndex);
    const auto connector =
        connectors ? read_live(*connectors, *connector_id) : std::optional<json::object>{};
    if (!connector)
      throw resource_not_found("Connector with id '" + *connector_id + "' does not exist.");
    auto string_field = [&](std::string_view key) -> std::optional<std::string> {
      const auto* v = connector->if_contains(key);
      if (v && v->is_string()) return std::string(v->get_string());
      return std::nullopt;
    };
    const auto index_name = string_field("index_name");
    if (!index_name || index_name->empty()) {
      throw status_exception(
          400, "Cannot start a sync for connector [" + *connector_id +
                   "] with no index attached. Set the [index_name] property for the connector "
                   "to enable syncing data.");
    }
    const auto service_type = string_field("service_type");
    if (!service_type || service_type->empty()) {
      throw status_exception(
          400, "Cannot start a sync for connector [" + *connector_id +
                   "] with [service_type] not defined. Set the service type of your connector "
                   "before starting the sync.");
    }

    // The connector snapshot, in the field order of Elasticsearch's ConnectorSyncJob.
    json::object snapshot;
    snapshot["id"] = *connector_id;
    if (const auto* filtering = connector->if_contains("filtering");
        filtering && filtering->is_array() && !filtering->get_array().empty()) {
      const auto& first = filtering->get_array()[0];
      if (first.is_object()) {
        if (const auto* active = first.get_object().if_contains("active"))
          snapshot["filtering"] = *active;
      }
    }
    snapshot["index_name"] = job_type == JobType::AccessControl
                                 ? std::string(kAccessControlIndexPrefix) + *index_name
                                 : *index_name;
    if (const auto language = string_field("language")) snapshot["language"] = *language;
    if (const auto* pipeline = connector->if_contains("pipeline");
        pipeline && !pipeline->is_null()) {
      snapshot["pipeline"] = *pipeline;
    }
    snapshot["service_type"] = *service_type;
    if (const auto* configuration = connector->if_contains("configuration");
        configuration && !configuration->is_null()) {
      snapshot["configuration"] = *configuration;
    }

    const std::string now_text = now();
    json::object job{
        {"connector", std::move(snapshot)},
        {"created_at", now_text},
        {"deleted_document_count", 0},
        {"indexed_document_count", 0},
        {"indexed_document_volume", 0},
        {"job_type", to_string(job_type)},
        {"last_seen", now_text},
        {"metadata", json::object{}},
        {"status", to_string(SyncStatus::Pending)},
        {"total_document_count", 0},
        {"trigger_method", to_string(trigger)},
    };
    const std::string id = cluster_.ids().document_id();
    const auto index = ensure_system_index(store_, kSyncJobsAlias);
    put_document(*index, store_, id, job);
    return json_response(201, to_json(json::object{{"id", id}}));
  }

  Store& store() { return store_; }

 private:
  Cluster& cluster_;
  Store& store_;
};

std::int64_t read_count(const BodyReader& reader, std::string_view key, bool required,
                        std::vector<std::string>& problems, std::optional<std::int64_t>& out) {
  out = reader.integer(key);
  if (!out) {
    if (required)
      throw parse_error("[connector_sync_job_update_ingestion_stats_request] Required [" +
                        std::string(key) + "]");
    return 0;
  }
  if (*out < 0) problems.push_back("[" + std::string(key) + "] cannot be negative.");
  return *out;
}

}  // namespace

void register_sync_job_api(Router& router, Cluster& cluster) {
  auto service = std::make_shared<SyncJobService>(cluster);

  router.add(
      Method::Post, "/_connector/_sync_job",
      [service](const Request& request, const PathParams&) { return service->create(request); });

  router.add(Method::Get, "/_connector/_sync_job/{connector_sync_job_id}",
             [service](const Request&, const PathParams& path) {
               const std::string& id = job_id(path);
               return ok(with_id(id, to_json(service->load(id))));
             });

  router.add(
      Method::Get, "/_connector/_sync_job", [service](const Request& request, const PathParams&) {
        const auto& params = request.params;
        const std::int64_t from = params.get_long("from").value_or(0);
        const std::int64_t size = params.get_long("size").value_or(100);
        std::vector<std::string> problems;
        check_page(from, size, problems);
        if (!problems.empty()) throw validation_failed(problems);
        const auto connector_id = params.get("connector_id");
        std::optional<std::string> status;
        if (const auto s = params.get("status")) {
          if (!parse_sync_status(*s))
            throw bad_request("Unknown ConnectorSyncStatus [" + *s + "].");
          status = *s;
        }
        const auto job_types = params.get_list("job_type");
        for (const auto& t : job_types) {
          if (!parse_job_type(t)) throw bad_request("Unknown ConnectorSyncJobType [" + t + "].");
        }
        const auto index = find_system_index(service->store(), kSyncJobsIndex);
        if (!index) return ok("{\"count\":0,\"results\":[]}");
        index->maybe_refresh(service->store().steady_now());
        struct Entry {
          std::string id;
          std::string source;
          std::string created_at;
        };
        std::vector<Entry> entries;
        index->for_each_visible([&](const DocRef& doc) {
          const json::value parsed = json::parse(doc->source());
          const auto& job = parsed.get_object();
          auto text = [&](const json::value* v) {
            return v && v->is_string() ? std::string(v->get_string()) : std::string();
          };
          if (connector_id) {
            const auto* connector = job.if_contains("connector");
            const json::value* cid = connector && connector->is_object()
                                         ? connector->get_object().if_contains("id")
                                         : nullptr;
            if (text(cid) != *connector_id) return true;
          }
          if (status && text(job.if_contains("status")) != *status) return true;
          if (!job_types.empty() &&
              std::find(job_types.begin(), job_types.end(), text(job.if_contains("job_type"))) ==
                  job_types.end()) {
            return true;
          }
          entries.push_back(Entry{std::string(doc->id()), std::string(doc->source()),
                                  text(job.if_contains("created_at"))});
          return true;
        });
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
          const auto ta = parse_date_value(a.created_at);
          const auto tb = parse_date_value(b.created_at);
          if (ta && tb) return *ta > *tb;
          return a.created_at > b.created_at;
        });
        return ok(list_response(entries, from, size));
      });

  router.add(Method::Delete, "/_connector/_sync_job/{connector_sync_job_id}",
             [service](const Request&, const PathParams& path) {
               const std::string& id = job_id(path);
               const auto index = find_system_index(service->store(), kSyncJobsIndex);
               if (!index) throw resource_not_found(missing_text(id));
               if (delete_document(*index, service->store(), id) == WriteResult::NotFound)
                 throw resource_not_found(id);
               return ok("{\"acknowledged\":true}");
             });

  router.add(Method::Put, "/_connector/_sync_job/{connector_sync_job_id}/_cancel",
             [service](const Request&, const PathParams& path) {
               const std::string& id = job_id(path);
               const json::object job = service->load(id);
               const SyncStatus previous = SyncJobService::status_of(job);
               const std::string now = service->now();
               json::object partial;
               if (previous == SyncStatus::Pending || previous == SyncStatus::Suspended) {
                 // Never running: straight to canceled.
                 assert_transition(previous, SyncStatus::Canceled);
                 partial = json::object{{"status", to_string(SyncStatus::Canceled)},
                                        {"cancelation_requested_at", now},
                                        {"canceled_at", now},
                                        {"completed_at", now}};
               } else {
                 assert_transition(previous, SyncStatus::Canceling);
                 partial = json::object{{"status", to_string(SyncStatus::Canceling)},
                                        {"cancelation_requested_at", now}};
               }
               return service->update(id, partial);
             });

  router.add(Method::Put, "/_connector/_sync_job/{connector_sync_job_id}/_check_in",
             [service](const Request&, const PathParams& path) {
               const std::string& id = job_id(path);
               return service->update(id, json::object{{"last_seen", service->now()}});
             });

  router.add(
      Method::Put, "/_connector/_sync_job/{connector_sync_job_id}/_claim",
      [service](const Request& request, const PathParams& path) {
        const std::string& id = job_id(path);
        const json::object body = body_object(request, true);
        const BodyReader reader(body, "connector_sync_job_claim_request",
                                {"worker_hostname", "sync_cursor"});
        const auto worker = reader.string("worker_hostname");
        if (!worker)
          throw validation_failed({"[worker_hostname] of the connector sync job cannot be null."});
        const auto* cursor = reader.get("sync_cursor");
        if (cursor && !cursor->is_null() && !cursor->is_object()) reader.fail("sync_cursor");
        service->load(id);
        const std::string now = service->now();
        json::object partial{{"worker_hostname", *worker},
                             {"status", to_string(SyncStatus::InProgress)},
                             {"last_seen", now},
                             {"started_at", now}};
        if (cursor && !cursor->is_null())
          partial["connector"] = json::object{{"sync_cursor", *cursor}};
        return service->update(id, partial);
      });

  router.add(Method::Put, "/_connector/_sync_job/{connector_sync_job_id}/_error",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = job_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(body, "connector_sync_job_error_request", {"error"});
               const auto error = reader.string("error");
               if (!error)
                 throw validation_failed({"[error] of the connector sync job cannot be null."});
               const json::object job = service->load(id);
               assert_transition(SyncJobService::status_of(job), SyncStatus::Error);
               return service->update(
                   id, json::object{{"error", *error}, {"status", to_string(SyncStatus::Error)}});
             });

  router.add(Method::Put, "/_connector/_sync_job/{connector_sync_job_id}/_stats",
             [service](const Request& request, const PathParams& path) {
               const std::string& id = job_id(path);
               const json::object body = body_object(request, true);
               const BodyReader reader(
                   body, "connector_sync_job_update_ingestion_stats_request",
                   {"deleted_document_count", "indexed_document_count", "indexed_document_volume",
                    "total_document_count", "last_seen", "metadata"});
               std::vector<std::string> problems;
               std::optional<std::int64_t> deleted, indexed, volume, total;
               read_count(reader, "deleted_document_count", true, problems, deleted);
               read_count(reader, "indexed_document_count", true, problems, indexed);
               read_count(reader, "indexed_document_volume", true, problems, volume);
               read_count(reader, "total_document_count", false, problems, total);
               if (!problems.empty()) throw validation_failed(problems);
               std::string last_seen;
               if (const auto text = reader.string("last_seen")) {
                 const auto t = parse_strict_instant(*text);
                 if (!t) {
                   EsError error = parse_error(
                       "[connector_sync_job_update_ingestion_stats_request] failed to parse field "
                       "[last_seen]");
                   error.caused(EsError(400, "date_time_parse_exception",
                                        "Text '" + *text + "' could not be parsed"));
                   throw error;
                 }
                 last_seen = format_es_instant(*t);
               } else {
                 last_seen = service->now();
               }
               const json::object* metadata = reader.object("metadata");
               json::object partial{{"deleted_document_count", *deleted},
                                    {"indexed_document_count", *indexed},
                                    {"indexed_document_volume", *volume}};
               if (total) partial["total_document_count"] = *total;
               partial["last_seen"] = last_seen;
               if (metadata) partial["metadata"] = *metadata;
               return service->update(id, partial);
             });
}

}  // namespace connectors::emulator
