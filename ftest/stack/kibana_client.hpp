#pragma once
// What Kibana (and Elastic's fake-kibana in its ftest) does to set a connector up and sync it,
// through the same Elasticsearch APIs: the ingest pipeline, PUT _connector/{id}, _scheduling,
// _configuration, the content index, and the "Sync" button (POST _connector/_sync_job).

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>

#include <boost/json/object.hpp>

#include "protocol/es_client.hpp"

namespace connectors::ftest {

struct ConnectorSpec {
  std::string id;
  std::string name;
  std::string index_name;
  std::string service_type;
};

class KibanaClient {
 public:
  explicit KibanaClient(protocol::EsClient& es) : es_(es) {}

  // The default connectors ingest pipeline, as fake-kibana installs it when missing.
  void ensure_default_pipeline(std::stop_token stop);
  void create_connector(const ConnectorSpec& spec, std::stop_token stop);
  void set_full_schedule(const std::string& connector_id, bool enabled, const std::string& interval,
                         std::stop_token stop);
  void set_configuration(const std::string& connector_id, const boost::json::object& configuration,
                         std::stop_token stop);
  // Deletes the index if it exists, then creates it (fake-kibana's upsert_index).
  void recreate_index(const std::string& index, std::stop_token stop);

  // The "Sync" button: an on-demand job. Returns its id.
  std::string press_sync(const std::string& connector_id, std::stop_token stop);

  boost::json::object get_job(const std::string& job_id, std::stop_token stop);
  boost::json::object get_connector(const std::string& connector_id, std::stop_token stop);

  // Polls the job until it is completed, canceled, error or suspended; `on_poll` sees it each
  // time. Throws std::runtime_error on timeout, core::StopRequested when stopped.
  boost::json::object wait_for_job(const std::string& job_id, std::chrono::seconds timeout,
                                   const std::function<void(const boost::json::object&)>& on_poll,
                                   std::stop_token stop);

  std::int64_t count(const std::string& index, std::stop_token stop);
  // The first document of a match_all search, with its _id.
  boost::json::object first_document(const std::string& index, std::stop_token stop);

 private:
  protocol::EsClient& es_;
};

}  // namespace connectors::ftest
