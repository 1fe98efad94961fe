#pragma once
// One sync job, from claim to terminal state. Reads top to bottom as the protocol's lifecycle:
//
//   start_connector_sync   guarded write of the connector's last_sync_status: in_progress
//                          (lost race / already running -> the job stays pending for later)
//   claim                  PUT _connector/_sync_job/{id}/_claim
//   execute                source from the job's configuration snapshot -> checks -> ping
//                          -> content index -> SyncPipeline        (JobReporter alongside)
//   finish                 the job's terminal update, then the connector's
//
// After the claim every outcome becomes a terminal state, decided in one place (finish):
//   no error -> completed;  cancel requested -> canceled;  service stopping -> suspended;
//   anything else -> error with "<Kind>: <message>".

#include <optional>
#include <stop_token>
#include <string>

#include <boost/json/value.hpp>

#include "connector/ingest_stats.hpp"
#include "connector/service_context.hpp"
#include "protocol/connector_document.hpp"

namespace connectors::service {

class JobRunner {
 public:
  JobRunner(ServiceContext& context, protocol::SyncJobDocument job);

  // Runs the job to a terminal state; `service_stop` suspends it.
  void run(std::stop_token service_stop);

 private:
  bool start_connector_sync(std::stop_token stop);
  boost::json::value execute(std::stop_token stop, IngestStats& stats);
  void finish(protocol::JobStatus status, const std::optional<std::string>& error,
              const IngestStats& stats, const boost::json::value& cursor);
  std::string prefix() const;

  ServiceContext& context_;
  protocol::SyncJobDocument job_;
  protocol::JobType type_;
  // The connector's last_sync_status before this runner set it to in_progress, restored if
  // the claim fails so the connector can sync again.
  boost::json::value previous_last_sync_status_ = nullptr;
};

}  // namespace connectors::service
