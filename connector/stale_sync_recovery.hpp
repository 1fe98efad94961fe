#pragma once
// A connector marked syncing (last_sync_status, or last_access_control_sync_status,
// `in_progress`) with no job running: the weak spot of Elastic's service. An instance that
// dies between that mark and the job's claim, or after the job's terminal update but before
// the connector's, leaves the mark for ever; no job of the connector can start again.
//
// The execution loop asks before leaving a job pending because of the mark:
//
//   a job of the connector (of that kind) is in_progress or canceling  -> really syncing
//                   (if it is idle, the cleanup fails it and resets the connector)
//   none, and the connector document has not changed (same _seq_no) for kStaleSyncGrace
//   as seen by this instance                                           -> abandoned: the mark
//                   is replaced by last_sync_status error, guarded by that _seq_no
//
// Why it cannot take a live sync for an abandoned one: a runner claims its job within
// kClaimDeadline of writing the mark (or undoes it), and any write to the connector restarts
// the observation; kStaleSyncGrace is longer than kClaimDeadline, and the repair is a no-op
// when anyone wrote the connector since it was read.

#include <chrono>
#include <map>
#include <mutex>
#include <stop_token>
#include <string>

#include "connector/service_context.hpp"
#include "protocol/connector_document.hpp"

namespace connectors::service {

inline constexpr std::chrono::seconds kMinStaleSyncGrace{15};

// max(kMinStaleSyncGrace, 3 x service.idling).
std::chrono::seconds stale_sync_grace(const ServiceConfig& service);

// What the repair writes to the status field's error twin.
inline constexpr char kAbandonedSyncError[] =
    "The connector was marked as syncing, but no sync job was running: the sync was interrupted "
    "(the service stopped before it finished). A new sync can start.";

class StaleSyncRecovery {
 public:
  explicit StaleSyncRecovery(ServiceContext& context) : context_(context) {}

  // `connector` (freshly read, with its _seq_no) is marked in_progress for jobs of `type`'s
  // kind. True when it must be treated as syncing; false when this call reset an abandoned
  // mark, so that a job can start.
  bool still_syncing(const protocol::ConnectorDocument& connector, protocol::JobType type, std::stop_token stop);

 private:
  struct Sighting {
    protocol::SeqNo seq_no;
    core::SteadyTime since;
  };

  ServiceContext& context_;
  std::mutex mutex_;
  std::map<std::string, Sighting> sightings_;  // "<kind>/<connector id>"
};

}  // namespace connectors::service
