#include "ftest/es_emulator/connector_states.hpp"

#include <string>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {

std::optional<ConnectorStatus> parse_connector_status(std::string_view text) {
  if (text == "created") return ConnectorStatus::Created;
  if (text == "needs_configuration") return ConnectorStatus::NeedsConfiguration;
  if (text == "configured") return ConnectorStatus::Configured;
  if (text == "connected") return ConnectorStatus::Connected;
  if (text == "error") return ConnectorStatus::Error;
  return std::nullopt;
}

std::string_view to_string(ConnectorStatus status) {
  switch (status) {
    case ConnectorStatus::Created: return "created";
    case ConnectorStatus::NeedsConfiguration: return "needs_configuration";
    case ConnectorStatus::Configured: return "configured";
    case ConnectorStatus::Connected: return "connected";
    case ConnectorStatus::Error: return "error";
  }
  return "created";
}

std::optional<SyncStatus> parse_sync_status(std::string_view text) {
  if (text == "pending") return SyncStatus::Pending;
  if (text == "in_progress") return SyncStatus::InProgress;
  if (text == "canceling") return SyncStatus::Canceling;
  if (text == "canceled") return SyncStatus::Canceled;
  if (text == "completed") return SyncStatus::Completed;
  if (text == "error") return SyncStatus::Error;
  if (text == "suspended") return SyncStatus::Suspended;
  return std::nullopt;
}

std::string_view to_string(SyncStatus status) {
  switch (status) {
    case SyncStatus::Pending: return "pending";
    case SyncStatus::InProgress: return "in_progress";
    case SyncStatus::Canceling: return "canceling";
    case SyncStatus::Canceled: return "canceled";
    case SyncStatus::Completed: return "completed";
    case SyncStatus::Error: return "error";
    case SyncStatus::Suspended: return "suspended";
  }
  return "pending";
}

std::optional<JobType> parse_job_type(std::string_view text) {
  if (text == "full") return JobType::Full;
  if (text == "incremental") return JobType::Incremental;
  if (text == "access_control") return JobType::AccessControl;
  return std::nullopt;
}

std::string_view to_string(JobType type) {
  switch (type) {
    case JobType::Full: return "full";
    case JobType::Incremental: return "incremental";
    case JobType::AccessControl: return "access_control";
  }
  return "full";
}

std::optional<TriggerMethod> parse_trigger_method(std::string_view text) {
  if (text == "on_demand") return TriggerMethod::OnDemand;
  if (text == "scheduled") return TriggerMethod::Scheduled;
  return std::nullopt;
}

std::string_view to_string(TriggerMethod method) {
  return method == TriggerMethod::OnDemand ? "on_demand" : "scheduled";
}

bool valid_transition(ConnectorStatus from, ConnectorStatus to) {
  using S = ConnectorStatus;
  switch (from) {
    case S::Created: return to == S::NeedsConfiguration || to == S::Error;
    case S::NeedsConfiguration: return to == S::Configured;
    case S::Configured: return to == S::NeedsConfiguration || to == S::Connected || to == S::Error;
    case S::Connected: return to == S::Configured || to == S::Error;
    case S::Error: return to == S::Connected || to == S::Configured;
  }
  return false;
}

bool valid_transition(SyncStatus from, SyncStatus to) {
  using S = SyncStatus;
  switch (from) {
    case S::Pending: return to == S::InProgress || to == S::Canceled;
    case S::InProgress:
      return to == S::Canceling || to == S::Completed || to == S::Suspended || to == S::Error;
    case S::Suspended: return to == S::InProgress || to == S::Canceled;
    case S::Canceling: return to == S::Canceled || to == S::Error;
    case S::Completed:
    case S::Canceled:
    case S::Error: return false;
  }
  return false;
}

void assert_transition(ConnectorStatus from, ConnectorStatus to) {
  if (valid_transition(from, to)) return;
  const std::string reason =
      "Invalid transition attempt from [" + std::string(to_string(from)) + "] to [" +
      std::string(to_string(to)) +
      "]. Such a status transition is not supported by the Connector Protocol.";
  EsError error = status_exception(400, reason);
  error.caused(EsError(400, "connector_invalid_status_transition_exception", reason));
  throw error;
}

void assert_transition(SyncStatus from, SyncStatus to) {
  if (valid_transition(from, to)) return;
  const std::string reason =
      "Invalid transition attempt from [" + std::string(to_string(from)) + "] to [" +
      std::string(to_string(to)) +
      "]. Such a ConnectorSyncStatus transition is not supported by the Connector Protocol.";
  EsError error = status_exception(400, reason);
  error.caused(EsError(400, "connector_sync_job_invalid_status_transition_exception", reason));
  throw error;
}

}  // namespace connectors::emulator
