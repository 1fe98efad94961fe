#pragma once
// Watches a running job from the side, on its own thread:
//   every 10 s  PUT _connector/_sync_job/{id}/_stats with the counters (also refreshes last_seen)
//   every  5 s  reloads the job and its connector: `canceling` -> cancel the job; job or
//               connector gone, or the job no longer in_progress -> abort it
// Elastic's JOB_REPORTING_INTERVAL and JOB_CHECK_INTERVAL. Transient Elasticsearch errors are
// logged and tried again at the next tick, so a short outage does not fail the job.

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "connector/ingest_stats.hpp"
#include "connector/service_context.hpp"

namespace connectors::service {

inline constexpr std::chrono::seconds kJobReportingInterval{10};
inline constexpr std::chrono::seconds kJobCheckInterval{5};

class JobReporter {
 public:
  JobReporter(ServiceContext& context, std::string job_id, std::string connector_id,
              const IngestStats& stats, std::stop_source job_stop);
  ~JobReporter();

  void start();
  void stop();

  // The job was canceled from Kibana or the API.
  bool canceled() const { return canceled_.load(); }
  // Why the job was stopped from the side, when it was not a cancellation ("<Kind>: <msg>").
  std::optional<std::string> abort_reason() const;

 private:
  void loop(std::stop_token stop);
  void check(std::stop_token stop);
  void abort(std::string reason);

  ServiceContext& context_;
  std::string job_id_;
  std::string connector_id_;
  const IngestStats& stats_;
  std::stop_source job_stop_;
  std::atomic<bool> canceled_{false};
  mutable std::mutex mutex_;
  std::optional<std::string> abort_reason_;
  std::jthread thread_;
};

}  // namespace connectors::service
