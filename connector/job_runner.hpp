#pragma once
// One sync job, from claim to terminal state. Reads top to bottom as the protocol's lifecycle:
//
//   start_connector_sync   guarded write of the connector's last_sync_status (content) or
//                          last_access_control_sync_status (access control): in_progress
//                          (lost race / already running -> the job stays pending for later)
//   claim                  PUT _connector/_sync_job/{id}/_claim, within kClaimDeadline of the
//                          guarded write (else the mark is undone and the job stays pending)
//   execute                source from the job's configuration snapshot -> checks -> ping
//                          -> sync rules of the snapshot -> content index -> SyncPipeline
//                          (JobReporter alongside)
//   finish                 the job's terminal update, then the connector's
//
// After the claim every outcome becomes a terminal state, decided in one place (finish):
//   no error -> completed;  cancel requested -> canceled;  service stopping -> suspended;
//   anything else -> error with "<Kind>: <message>".

#include <chrono>
#include <optional>
#include <stop_token>
#include <string>

#include <boost/json/value.hpp>

#include "connector/ingest_stats.hpp"
#include "connector/service_context.hpp"
#include "protocol/connector_document.hpp"

namespace connectors::service {

// The longest a runner lets pass between marking its connector in_progress and claiming the
// job. Other instances treat a connector marked in_progress with no running job as
// abandoned only after kStaleSyncGrace (see stale_sync_recovery.hpp), which is longer.
inline constexpr std::chrono::seconds kClaimDeadline{5};

class JobRunner {
 public:
  JobRunner(ServiceContext& context, protocol::SyncJobDocument job);

  // Runs the job to a terminal state; `service_stop` suspends it.
  void run(std::stop_token service_stop);

 private:
  bool start_connector_sync(std::stop_token stop);
  void claim(std::stop_token stop);
  void undo_connector_mark();
  boost::json::value execute(std::stop_token stop, IngestStats& stats);
  void finish(protocol::JobStatus status, const std::optional<std::string>& error,
              const IngestStats& stats, const boost::json::value& cursor);
  void log_counters(protocol::JobStatus status, double seconds, const IngestStats& stats) const;
  std::string prefix() const;

  ServiceContext& context_;
  protocol::SyncJobDocument job_;
  protocol::JobType type_;
  // The connector as read by the guarded write (features, sync cursor).
  std::optional<protocol::ConnectorDocument> connector_;
  // The connector's status field before this runner set it to in_progress: restored if the
  // claim fails, so the connector can sync again.
  boost::json::value previous_sync_status_ = nullptr;
  bool marked_ = false;
};

}  // namespace connectors::service
