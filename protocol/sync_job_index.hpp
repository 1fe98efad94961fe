#pragma once
// The service's reads and writes of sync jobs.
//
//   pending()  search .elastic-connectors-sync-jobs: pending+suspended, oldest first
//   claim()    PUT _connector/_sync_job/{id}/_claim      (worker_hostname, sync_cursor)
//   update_stats()  PUT _connector/_sync_job/{id}/_stats (progress; refreshes last_seen)
//   update()   POST .elastic-connectors-sync-jobs/_update/{id}  (terminal states: the API has
//              no endpoint for completed/suspended/canceled, so Elastic writes them directly)

#include <chrono>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "protocol/connector_document.hpp"
#include "protocol/es_client.hpp"

namespace connectors::protocol {

struct IngestionStats {
  std::int64_t indexed_document_count = 0;
  std::int64_t indexed_document_volume = 0;  // MiB, as the protocol defines it
  std::int64_t deleted_document_count = 0;
};

class SyncJobIndex {
 public:
  explicit SyncJobIndex(EsClient& client) : client_(client) {}

  // POST _connector/_sync_job, as Kibana's "Sync" button and the scheduler do. Returns the id.
  std::string create(const std::string& connector_id, JobType type, TriggerMethod trigger,
                     std::stop_token stop);

  // Jobs in `pending` or `suspended` for these connectors and types, by created_at ascending.
  std::vector<SyncJobDocument> pending(const std::vector<std::string>& connector_ids,
                                       const std::vector<JobType>& types, std::stop_token stop);

  std::optional<SyncJobDocument> get(const std::string& id, std::stop_token stop);

  // Jobs in `in_progress` or `canceling` of these connectors and types (any type when
  // `types` is empty).
  std::vector<SyncJobDocument> running(const std::vector<std::string>& connector_ids,
                                       const std::vector<JobType>& types, std::stop_token stop);
  // Running jobs of these connectors whose last_seen is older than `threshold` (Elastic's
  // idle_jobs: `last_seen <= now-<threshold>s`, evaluated by Elasticsearch).
  std::vector<SyncJobDocument> idle(const std::vector<std::string>& connector_ids,
                                    std::chrono::seconds threshold, std::stop_token stop);
  // Running jobs whose connector is none of `existing_connector_ids` (Elastic's
  // orphaned_idle_jobs).
  std::vector<SyncJobDocument> orphaned(const std::vector<std::string>& existing_connector_ids,
                                        std::stop_token stop);

  // `sync_cursor` is sent only when it is not null, as Elastic does.
  void claim(const std::string& id, const std::string& worker_hostname,
             const boost::json::value& sync_cursor, std::stop_token stop,
             const RequestOptions& options = {});

  void update_stats(const std::string& id, const IngestionStats& stats, std::stop_token stop);

  void update(const std::string& id, const boost::json::object& doc, std::stop_token stop);

 private:
  EsClient& client_;
};

}  // namespace connectors::protocol
