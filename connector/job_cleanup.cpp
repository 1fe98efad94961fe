#include "connector/job_cleanup.hpp"

#include <spdlog/spdlog.h>

#include "connector/connector_pass.hpp"
#include "connector/error_text.hpp"
#include "connector/sync_outcome.hpp"
#include "core/time_format.hpp"
#include "protocol/connector_index.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {
using protocol::JobStatus;

void JobCleanup::run(std::stop_token stop) {
  fail_orphaned(stop);
  fail_idle(stop);
}

void JobCleanup::fail_orphaned(std::stop_token stop) {
  spdlog::debug("Cleaning up orphaned idle jobs");
  protocol::ConnectorIndex connectors(context_.es);
  protocol::SyncJobIndex jobs(context_.es);
  const auto orphaned = jobs.orphaned(connectors.all_ids(stop), stop);
  int marked = 0;
  for (const auto& job : orphaned) {
    try {
      const std::string now = core::format_python_utc(context_.clock.now());
      jobs.update(job.id(), job_terminal_patch(JobStatus::kError, kIdleJobMessage, std::nullopt, std::nullopt, now),
                  stop);
      ++marked;
    } catch (const core::StopRequested&) {
      throw;
    } catch (const std::exception& e) {
      spdlog::error("Failed to mark orphaned idle job #{} as error: {}", job.id(), e.what());
    }
  }
  if (orphaned.empty()) {
    spdlog::debug("No orphaned idle jobs found. Skipping...");
  } else {
    spdlog::info("Successfully marked #{} out of #{} orphaned idle jobs as error.", marked, orphaned.size());
  }
}

void JobCleanup::fail_idle(std::stop_token stop) {
  spdlog::debug("Start cleaning up idle jobs...");
  protocol::ConnectorIndex connectors(context_.es);
  protocol::SyncJobIndex jobs(context_.es);
  std::vector<std::string> ids;
  for (const auto& c : connectors.find(managed_connector_ids(context_.config), managed_service_types(context_.config),
                                       stop)) {
    ids.push_back(c.id());
  }
  const auto idle = jobs.idle(ids, kIdleJobsThreshold, stop);
  int marked = 0;
  for (const auto& job : idle) {
    try {
      const std::string now = core::format_python_utc(context_.clock.now());
      jobs.update(job.id(), job_terminal_patch(JobStatus::kError, kIdleJobMessage, std::nullopt, std::nullopt, now),
                  stop);
      ++marked;
      if (!connectors.get(job.connector_id(), stop)) {
        spdlog::warn("Could not found connector by id #{}", job.connector_id());
        continue;
      }
      const auto reloaded = jobs.get(job.id(), stop);
      if (!reloaded) spdlog::warn("Could not reload sync job #{}", job.id());
      connectors.update(job.connector_id(), connector_sync_done_patch(reloaded, nullptr, now), std::nullopt, stop);
    } catch (const core::StopRequested&) {
      throw;
    } catch (const std::exception& e) {
      spdlog::error("Failed to mark idle job #{} as error: {}", job.id(), e.what());
    }
  }
  if (idle.empty()) {
    spdlog::debug("No idle jobs found. Skipping...");
  } else {
    spdlog::info("Successfully marked #{} out of #{} idle jobs as error.", marked, idle.size());
  }
}

}  // namespace connectors::service
