#pragma once
// The two writes that end a sync job, as partial documents (Elastic's SyncJob._terminate and
// Connector.sync_done), shared by the job runner and the idle-job cleanup. Pure.
//
//   job:        last_seen, status, error, [counts], [total_document_count],
//               completed_at (completed/error/canceled), canceled_at (canceled)
//   connector:  last_synced (every terminal state, suspended included), status (error or
//               connected), error, the job type's last_*_sync_status / _error pair (both pairs
//               when the job is gone), sync_cursor (completed content syncs only),
//               last_indexed/last_deleted_document_count (terminated jobs only)

#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "protocol/connector_document.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {

// Elastic's texts for a connector whose job vanished, and for an error without a message.
inline constexpr char kJobNotFoundError[] = "Couldn't find the job";
inline constexpr char kUnknownError[] = "unknown error";

// The job's terminal update. `stats` and `total` are left out when not given (the cleanup
// fails jobs without touching their counts).
boost::json::object job_terminal_patch(protocol::JobStatus status, const std::optional<std::string>& error,
                                       const std::optional<protocol::IngestionStats>& stats,
                                       std::optional<std::int64_t> total, const std::string& now);

// The connector's update after its job ended. `job` is the job as reloaded after its terminal
// update (nullopt when it is gone); `cursor` is what the source returned, written only when a
// content job completed.
boost::json::object connector_sync_done_patch(const std::optional<protocol::SyncJobDocument>& job,
                                              const boost::json::value& cursor, const std::string& now);

// The connector fields that say whether a job type is running: last_sync_status /
// last_sync_error for content jobs, last_access_control_sync_status / _error for the others.
struct SyncStatusFields {
  const char* status;
  const char* error;
};
SyncStatusFields sync_status_fields(protocol::JobType type);

// The connector's status field for this job type, read from its document.
std::optional<protocol::JobStatus> connector_sync_status(const protocol::ConnectorDocument& connector,
                                                         protocol::JobType type);

}  // namespace connectors::service
