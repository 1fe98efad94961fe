#include "connector/stale_sync_recovery.hpp"

#include <spdlog/spdlog.h>

#include "connector/sync_outcome.hpp"
#include "protocol/connector_index.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {
namespace json = boost::json;
using protocol::JobType;

std::chrono::seconds stale_sync_grace(const ServiceConfig& service) {
  return std::max(kMinStaleSyncGrace, 3 * service.idling);
}

bool StaleSyncRecovery::still_syncing(const protocol::ConnectorDocument& connector, JobType type,
                                      std::stop_token stop) {
  const bool access_control = type == JobType::kAccessControl;
  const std::string key = std::string(access_control ? "acl/" : "content/") + connector.id();
  const std::vector<JobType> kinds = access_control ? std::vector<JobType>{JobType::kAccessControl}
                                                    : std::vector<JobType>{JobType::kFull, JobType::kIncremental};
  protocol::SyncJobIndex jobs(context_.es);
  if (!jobs.running({connector.id()}, kinds, stop).empty()) {
    std::lock_guard lock(mutex_);
    sightings_.erase(key);
    return true;
  }
  if (!connector.seq_no()) return true;
  const protocol::SeqNo seq_no = *connector.seq_no();
  const auto now = context_.clock.steady_now();
  {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = sightings_.try_emplace(key, Sighting{seq_no, now});
    if (!inserted && (it->second.seq_no.seq_no != seq_no.seq_no ||
                      it->second.seq_no.primary_term != seq_no.primary_term)) {
      it->second = Sighting{seq_no, now};
    }
    if (now - it->second.since < stale_sync_grace(context_.config.service)) return true;
    sightings_.erase(it);
  }

  const SyncStatusFields fields = sync_status_fields(type);
  try {
    protocol::ConnectorIndex(context_.es)
        .update(connector.id(), json::object{{fields.status, "error"}, {fields.error, kAbandonedSyncError}}, seq_no,
                stop);
  } catch (const protocol::VersionConflict&) {
    return true;  // written meanwhile: look again at the next poll
  }
  spdlog::warn("[Connector id: {}, index name: {}] {} was in_progress with no sync job running for {}s: reset "
               "so that a new sync can start",
               connector.id(), connector.index_name(), fields.status,
               stale_sync_grace(context_.config.service).count());
  return false;
}

}  // namespace connectors::service
