#include "ftest/stack/kibana_client.hpp"

#include <thread>

#include <boost/json/serialize.hpp>

namespace connectors::ftest {
namespace json = boost::json;
using protocol::HttpMethod;

void KibanaClient::ensure_default_pipeline(std::stop_token stop) {
  protocol::RequestOptions options;
  options.accept_statuses = {404};
  if (es_.request(HttpMethod::kGet, "/_ingest/pipeline/search-default-ingestion", {}, options, stop).status == 200) {
    return;
  }
  json::array fields{"_attachment", "_attachment_indexed_chars", "_extracted_attachment",
                     "_extract_binary_content", "_reduce_whitespace", "_run_ml_inference"};
  const json::object pipeline{
      {"version", 1},
      {"description", "Default ingest pipeline for connectors (installed by the functional test)"},
      {"processors", json::array{json::object{
                         {"remove", json::object{{"field", fields}, {"ignore_missing", true}}}}}}};
  es_.request(HttpMethod::kPut, "/_ingest/pipeline/search-default-ingestion", json::serialize(pipeline), {},
              stop);
}

void KibanaClient::create_connector(const ConnectorSpec& spec, std::stop_token stop) {
  const json::object body{{"index_name", spec.index_name},
                          {"name", spec.name},
                          {"service_type", spec.service_type},
                          {"is_native", false}};
  es_.request(HttpMethod::kPut, "/_connector/" + protocol::encode_path_segment(spec.id), json::serialize(body),
              {}, stop);
}

void KibanaClient::set_full_schedule(const std::string& connector_id, bool enabled, const std::string& interval,
                                     std::stop_token stop) {
  const json::object body{
      {"scheduling", json::object{{"full", json::object{{"enabled", enabled}, {"interval", interval}}}}}};
  es_.request(HttpMethod::kPut, "/_connector/" + protocol::encode_path_segment(connector_id) + "/_scheduling",
              json::serialize(body), {}, stop);
}

void KibanaClient::set_configuration(const std::string& connector_id, const json::object& configuration,
                                     std::stop_token stop) {
  es_.request(HttpMethod::kPut, "/_connector/" + protocol::encode_path_segment(connector_id) + "/_configuration",
              json::serialize(json::object{{"configuration", configuration}}), {}, stop);
}

void KibanaClient::recreate_index(const std::string& index, std::stop_token stop) {
  protocol::RequestOptions options;
  options.accept_statuses = {404};
  es_.request(HttpMethod::kDelete, "/" + protocol::encode_path_segment(index), {}, options, stop);
  es_.request(HttpMethod::kPut, "/" + protocol::encode_path_segment(index), {}, {}, stop);
}

std::string KibanaClient::press_sync(const std::string& connector_id, std::stop_token stop) {
  const json::object body{{"id", connector_id}, {"job_type", "full"}, {"trigger_method", "on_demand"}};
  const json::value response =
      es_.request_json(HttpMethod::kPost, "/_connector/_sync_job", json::serialize(body), {}, stop);
  return std::string(response.at("id").as_string());
}

json::object KibanaClient::get_job(const std::string& job_id, std::stop_token stop) {
  return es_
      .request_json(HttpMethod::kGet, "/_connector/_sync_job/" + protocol::encode_path_segment(job_id), {}, {}, stop)
      .as_object();
}

json::object KibanaClient::get_connector(const std::string& connector_id, std::stop_token stop) {
  return es_.request_json(HttpMethod::kGet, "/_connector/" + protocol::encode_path_segment(connector_id), {}, {}, stop)
      .as_object();
}

json::object KibanaClient::wait_for_job(const std::string& job_id, std::chrono::seconds timeout,
                                        const std::function<void(const json::object&)>& on_poll,
                                        std::stop_token stop) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    json::object job = get_job(job_id, stop);
    if (on_poll) on_poll(job);
    const std::string status(job.at("status").as_string());
    if (status == "completed" || status == "canceled" || status == "error" || status == "suspended") return job;
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error("sync job " + job_id + " still '" + status + "' after " +
                               std::to_string(timeout.count()) + "s");
    }
    if (stop.stop_requested()) throw core::StopRequested();
    std::this_thread::sleep_for(std::chrono::milliseconds{250});
  }
}

std::int64_t KibanaClient::count(const std::string& index, std::stop_token stop) {
  const std::string target = "/" + protocol::encode_path_segment(index);
  es_.request(HttpMethod::kPost, target + "/_refresh", {}, {}, stop);
  return es_.request_json(HttpMethod::kPost, target + "/_count", {}, {}, stop).at("count").to_number<std::int64_t>();
}

json::object KibanaClient::first_document(const std::string& index, std::stop_token stop) {
  const json::object body{{"query", json::object{{"match_all", json::object{}}}}, {"size", 1}};
  const json::value response = es_.request_json(
      HttpMethod::kPost, "/" + protocol::encode_path_segment(index) + "/_search", json::serialize(body), {}, stop);
  const auto& hits = response.at("hits").at("hits").as_array();
  if (hits.empty()) throw std::runtime_error("index " + index + " has no documents");
  return hits.front().as_object();
}

}  // namespace connectors::ftest
