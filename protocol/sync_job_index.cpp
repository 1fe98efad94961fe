#include "protocol/sync_job_index.hpp"

#include <boost/json/serialize.hpp>

#include "protocol/connector_index.hpp"

namespace connectors::protocol {
namespace json = boost::json;

std::string SyncJobIndex::create(const std::string& connector_id, JobType type,
                                 TriggerMethod trigger, std::stop_token stop) {
  const json::object body{{"id", connector_id},
                          {"job_type", to_string(type)},
                          {"trigger_method", to_string(trigger)}};
  const json::value response =
      client_.request_json(HttpMethod::kPost, "/_connector/_sync_job", json::serialize(body), {}, stop);
  const json::value* id = response.is_object() ? response.get_object().if_contains("id") : nullptr;
  if (!id || !id->is_string()) {
    throw DocumentError("POST /_connector/_sync_job answered without an id");
  }
  return std::string(id->get_string());
}

std::vector<SyncJobDocument> SyncJobIndex::pending(const std::vector<std::string>& connector_ids,
                                                   const std::vector<JobType>& types,
                                                   std::stop_token stop) {
  if (connector_ids.empty() || types.empty()) return {};
  json::array ids;
  for (const auto& id : connector_ids) ids.emplace_back(id);
  json::array type_names;
  for (auto t : types) type_names.emplace_back(to_string(t));
  json::object body{
      {"query",
       {{"bool",
         {{"must",
           json::array{
               json::object{{"terms", {{"status", json::array{"pending", "suspended"}}}}},
               json::object{{"terms", {{"connector.id", std::move(ids)}}}},
               json::object{{"terms", {{"job_type", std::move(type_names)}}}}}}}}}},
      {"sort", json::array{json::object{{"created_at", "asc"}}}},
      {"seq_no_primary_term", true}};
  std::vector<SyncJobDocument> jobs;
  for (const auto& hit : search_all(client_, kJobsIndex, body, stop)) {
    jobs.push_back(SyncJobDocument::from_hit(hit));
  }
  return jobs;
}

std::optional<SyncJobDocument> SyncJobIndex::get(const std::string& id, std::stop_token stop) {
  RequestOptions options;
  options.accept_statuses = {404};
  const EsResponse response = client_.request(
      HttpMethod::kGet, "/" + std::string(kJobsIndex) + "/_doc/" + encode_path_segment(id), {},
      options, stop);
  if (response.status == 404) return std::nullopt;
  return SyncJobDocument::from_hit(response.json());
}

namespace {

json::array string_array(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

json::object running_statuses() {
  return json::object{{"terms", {{"status", json::array{"in_progress", "canceling"}}}}};
}

std::vector<SyncJobDocument> search_jobs(EsClient& client, json::object query, std::stop_token stop) {
  const json::object body{{"query", std::move(query)}, {"seq_no_primary_term", true}};
  std::vector<SyncJobDocument> jobs;
  for (const auto& hit : search_all(client, kJobsIndex, body, stop)) jobs.push_back(SyncJobDocument::from_hit(hit));
  return jobs;
}

}  // namespace

std::vector<SyncJobDocument> SyncJobIndex::running(const std::vector<std::string>& connector_ids,
                                                   const std::vector<JobType>& types, std::stop_token stop) {
  if (connector_ids.empty()) return {};
  json::array filter{json::object{{"terms", {{"connector.id", string_array(connector_ids)}}}}, running_statuses()};
  if (!types.empty()) {
    json::array names;
    for (auto t : types) names.emplace_back(to_string(t));
    filter.push_back(json::object{{"terms", {{"job_type", std::move(names)}}}});
  }
  return search_jobs(client_, json::object{{"bool", {{"filter", std::move(filter)}}}}, stop);
}

std::vector<SyncJobDocument> SyncJobIndex::idle(const std::vector<std::string>& connector_ids,
                                                std::chrono::seconds threshold, std::stop_token stop) {
  if (connector_ids.empty()) return {};
  json::array filter{
      json::object{{"terms", {{"connector.id", string_array(connector_ids)}}}}, running_statuses(),
      json::object{{"range", {{"last_seen", {{"lte", "now-" + std::to_string(threshold.count()) + "s"}}}}}}};
  return search_jobs(client_, json::object{{"bool", {{"filter", std::move(filter)}}}}, stop);
}

std::vector<SyncJobDocument> SyncJobIndex::orphaned(const std::vector<std::string>& existing_connector_ids,
                                                    std::stop_token stop) {
  return search_jobs(
      client_,
      json::object{{"bool",
                    {{"must_not", json::object{{"terms", {{"connector.id", string_array(existing_connector_ids)}}}}},
                     {"filter", json::array{running_statuses()}}}}},
      stop);
}

void SyncJobIndex::claim(const std::string& id, const std::string& worker_hostname,
                         const json::value& sync_cursor, std::stop_token stop,
                         const RequestOptions& options) {
  json::object body{{"worker_hostname", worker_hostname}};
  if (!sync_cursor.is_null()) body["sync_cursor"] = sync_cursor;
  client_.request(HttpMethod::kPut, "/_connector/_sync_job/" + encode_path_segment(id) + "/_claim",
                  json::serialize(body), options, stop);
}

void SyncJobIndex::update_stats(const std::string& id, const IngestionStats& stats,
                                std::stop_token stop) {
  const json::object body{{"indexed_document_count", stats.indexed_document_count},
                          {"indexed_document_volume", stats.indexed_document_volume},
                          {"deleted_document_count", stats.deleted_document_count},
                          {"metadata", json::object{}}};
  client_.request(HttpMethod::kPut, "/_connector/_sync_job/" + encode_path_segment(id) + "/_stats",
                  json::serialize(body), {}, stop);
}

void SyncJobIndex::update(const std::string& id, const json::object& doc, std::stop_token stop) {
  client_.request(HttpMethod::kPost,
                  "/" + std::string(kJobsIndex) + "/_update/" + encode_path_segment(id),
                  json::serialize(json::object{{"doc", doc}}), {}, stop);
}

}  // namespace connectors::protocol
