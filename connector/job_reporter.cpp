#include "connector/job_reporter.hpp"

#include <spdlog/spdlog.h>

#include <cctype>

#include "protocol/connector_index.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {

namespace {
constexpr core::Millis kTick{1000};
}

JobReporter::JobReporter(ServiceContext& context, std::string job_id, std::string connector_id,
                         const IngestStats& stats, std::stop_source job_stop)
    : context_(context),
      job_id_(std::move(job_id)),
      connector_id_(std::move(connector_id)),
      stats_(stats),
      job_stop_(std::move(job_stop)) {}

JobReporter::~JobReporter() { stop(); }

void JobReporter::start() {
  thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
}

void JobReporter::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

std::optional<std::string> JobReporter::abort_reason() const {
  std::lock_guard lock(mutex_);
  return abort_reason_;
}

void JobReporter::abort(std::string reason) {
  {
    std::lock_guard lock(mutex_);
    if (!abort_reason_) abort_reason_ = std::move(reason);
  }
  job_stop_.request_stop();
}

void JobReporter::loop(std::stop_token stop) {
  const auto start = context_.clock.steady_now();
  auto next_report = start + kJobReportingInterval;
  auto next_check = start + kJobCheckInterval;
  protocol::SyncJobIndex jobs(context_.es);
  while (context_.clock.sleep_for(kTick, stop)) {
    const auto now = context_.clock.steady_now();
    if (now >= next_report) {
      next_report = now + kJobReportingInterval;
      try {
        jobs.update_stats(job_id_, stats_.snapshot(), stop);
      } catch (const core::StopRequested&) {
        return;
      } catch (const std::exception& e) {
        spdlog::warn("[Sync job id: {}] Could not report progress, will try again: {}", job_id_, e.what());
      }
    }
    if (now >= next_check) {
      next_check = now + kJobCheckInterval;
      try {
        check(stop);
      } catch (const core::StopRequested&) {
        return;
      } catch (const std::exception& e) {
        spdlog::warn("[Sync job id: {}] Could not check the job's status, will try again: {}", job_id_,
                     e.what());
      }
    }
  }
}

void JobReporter::check(std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  if (!connectors.get(connector_id_, stop)) {
    abort("ConnectorNotFoundError: Connector is not found for connector ID " + connector_id_ + ".");
    return;
  }
  protocol::SyncJobIndex jobs(context_.es);
  const auto job = jobs.get(job_id_, stop);
  if (!job) {
    abort("ConnectorJobNotFoundError: Connector job is not found for job ID " + job_id_ + ".");
    return;
  }
  const auto status = job->status();
  if (status == protocol::JobStatus::kCanceling) {
    spdlog::info("[Sync job id: {}] Cancelation requested", job_id_);
    canceled_ = true;
    job_stop_.request_stop();
    return;
  }
  if (status != protocol::JobStatus::kInProgress) {
    // Elastic prints the Python enum: "JobStatus.ERROR".
    std::string name = status ? std::string(protocol::to_string(*status)) : "unset";
    for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    abort("ConnectorJobNotRunningError: Connector job (ID: " + job_id_ + ") is not running but in status of JobStatus." +
          name + ".");
  }
}

}  // namespace connectors::service
