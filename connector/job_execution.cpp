#include "connector/job_execution.hpp"

#include <spdlog/spdlog.h>

#include "connector/connector_pass.hpp"
#include "connector/job_runner.hpp"
#include "protocol/connector_index.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {

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

void JobExecution::poll(std::stop_token service_stop) {
  reap();
  const std::size_t limit =
      static_cast<std::size_t>(std::max(context_.config.service.max_concurrent_content_syncs, 1));
  if (running_.size() >= limit) return;

  protocol::ConnectorIndex connectors(context_.es);
  std::vector<std::string> connector_ids;
  for (const auto& c : connectors.find(managed_connector_ids(context_.config),
                                       managed_service_types(context_.config), service_stop)) {
    connector_ids.push_back(c.id());
  }
  protocol::SyncJobIndex jobs(context_.es);
  const auto pending = jobs.pending(connector_ids, {protocol::JobType::kFull, protocol::JobType::kIncremental},
                                    service_stop);
  for (const auto& job : pending) {
    if (running_.size() >= limit || service_stop.stop_requested()) return;
    bool busy = false;
    for (const auto& r : running_) busy = busy || r.job_id == job.id() || r.connector_id == job.connector_id();
    if (busy) continue;
    if (!context_.registry.find(job.service_type())) {
      spdlog::error("[Sync job id: {}] Couldn't find data source class for {}", job.id(), job.service_type());
      continue;
    }
    const auto connector = connectors.get(job.connector_id(), service_stop);
    if (!connector) continue;
    if (connector->last_sync_status() == protocol::JobStatus::kInProgress) {
      spdlog::debug("[Sync job id: {}] Connector {} is already syncing; the job waits", job.id(),
                    job.connector_id());
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
