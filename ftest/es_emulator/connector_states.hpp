#pragma once
// The connector and sync-job state machines of Elasticsearch's connector API
// (ConnectorStateMachine, ConnectorSyncJobStateMachine), their value sets, and the exact
// refusal messages.
//
//   connector:  created -> needs_configuration | error
//               needs_configuration -> configured
//               configured -> needs_configuration | connected | error
//               connected -> configured | error
//               error -> connected | configured
//
//   sync job:   pending -> in_progress | canceled
//               in_progress -> canceling | completed | suspended | error
//               suspended -> in_progress | canceled
//               canceling -> canceled | error
//               completed, canceled, error: terminal

#include <optional>
#include <string_view>

namespace connectors::emulator {

enum class ConnectorStatus { Created, NeedsConfiguration, Configured, Connected, Error };
enum class SyncStatus { Pending, InProgress, Canceling, Canceled, Completed, Error, Suspended };
enum class JobType { Full, Incremental, AccessControl };
enum class TriggerMethod { OnDemand, Scheduled };

std::optional<ConnectorStatus> parse_connector_status(std::string_view text);
std::string_view to_string(ConnectorStatus status);
std::optional<SyncStatus> parse_sync_status(std::string_view text);
std::string_view to_string(SyncStatus status);
std::optional<JobType> parse_job_type(std::string_view text);
std::string_view to_string(JobType type);
std::optional<TriggerMethod> parse_trigger_method(std::string_view text);
std::string_view to_string(TriggerMethod method);

bool valid_transition(ConnectorStatus from, ConnectorStatus to);
bool valid_transition(SyncStatus from, SyncStatus to);

// Throw EsError 400 status_exception with the Elasticsearch reason and a caused_by of
// connector_invalid_status_transition_exception /
// connector_sync_job_invalid_status_transition_exception.
void assert_transition(ConnectorStatus from, ConnectorStatus to);
void assert_transition(SyncStatus from, SyncStatus to);

}  // namespace connectors::emulator
