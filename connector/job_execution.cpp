#include "connector/job_execution.hpp"

#include <spdlog/spdlog.h>

#include "connector/connector_features.hpp"
#include "connector/connector_pass.hpp"
#include "connector/job_runner.hpp"
#include "connector/license_check.hpp"
#include "connector/sync_outcome.hpp"
#include "protocol/connector_index.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {
using protocol::JobStatus;
using protocol::JobType;

JobExecution::~JobExecution() { wait_all(); }

void JobExecution::reap() {
  running_.remove_if([](Running& r) {
    if (!r.done->load()) return false;
    r.thread.join();
    return true;
  });
}

std::size_t JobExecution::running() const { return running_.size(); }

void JobExecution::wait_all() {
  for (auto& r : running_) {
    if (r.thread.joinable()) r.thread.join();
  }
  running_.clear();
}

std::string JobExecution::display_name() const {
  return kind_ == JobKind::kContent ? "content sync job execution" : "access control sync job execution";
}

void JobExecution::poll(std::stop_token service_stop) {
  reap();
  const ServiceConfig& service = context_.config.service;
  const int configured =
      kind_ == JobKind::kContent ? service.max_concurrent_content_syncs : service.max_concurrent_access_control_syncs;
  const std::size_t limit = static_cast<std::size_t>(std::max(configured, 1));
  if (running_.size() >= limit) return;

  protocol::ConnectorIndex connectors(context_.es);
  std::vector<std::string> connector_ids;
  for (const auto& c : connectors.find(managed_connector_ids(context_.config), managed_service_types(context_.config),
                                       service_stop)) {
    connector_ids.push_back(c.id());
  }
  if (connector_ids.empty()) return;
  protocol::SyncJobIndex jobs(context_.es);
  const std::vector<JobType> types = kind_ == JobKind::kContent
                                         ? std::vector<JobType>{JobType::kFull, JobType::kIncremental}
                                         : std::vector<JobType>{JobType::kAccessControl};
  const auto pending = jobs.pending(connector_ids, types, service_stop);
  std::optional<License> license;  // read once per poll, when a job needs it
  for (const auto& job : pending) {
    if (service_stop.stop_requested()) return;
    if (running_.size() >= limit) {
      spdlog::debug("{} service is already running {} sync jobs and can't run more at this point",
                    display_name(), limit);
      return;
    }
    bool busy = false;
    for (const auto& r : running_) busy = busy || r.job_id == job.id() || r.connector_id == job.connector_id();
    if (busy) continue;
    const std::string prefix = "[Connector id: " + job.connector_id() + ", index name: " + job.index_name() +
                               ", Sync job id: " + job.id() + "]";
    if (!context_.registry.find(job.service_type())) {
      spdlog::error("{} Couldn't find data source class for {}", prefix, job.service_type());
      continue;
    }
    const auto connector = connectors.get(job.connector_id(), service_stop);
    if (!connector) {
      spdlog::error("{} Couldn't find connector", prefix);
      continue;
    }
    const JobType type = job.job_type().value_or(JobType::kFull);
    const ConnectorFeatures features = ConnectorFeatures::from_json(connector->features());
    if (kind_ == JobKind::kAccessControl) {
      if (!features.document_level_security) {
        spdlog::debug("{} DLS is not enabled for the connector, skip the job...", prefix);
        continue;
      }
      if (!license) license = fetch_license(context_.es, service_stop);
      if (!license_allows(*license, License::kPlatinum)) {
        spdlog::error("{} {}", prefix, license_message(License::kPlatinum, *license));
        continue;
      }
    }
    if (connector_sync_status(*connector, type) == JobStatus::kInProgress &&
        recovery_.still_syncing(*connector, type, service_stop)) {
      spdlog::debug("{} Connector is still syncing {}, skip the job...", prefix,
                    kind_ == JobKind::kContent ? "content" : "access control");
      continue;
    }
    auto done = std::make_shared<std::atomic<bool>>(false);
    Running& r = running_.emplace_back(Running{job.id(), job.connector_id(), done, {}});
    r.thread = std::jthread([this, job, done, service_stop] {
      try {
        JobRunner(context_, job).run(service_stop);
      } catch (const std::exception& e) {
        spdlog::error("[Sync job id: {}] The job runner failed: {}", job.id(), e.what());
      }
      done->store(true);
    });
  }
}

}  // namespace connectors::service
