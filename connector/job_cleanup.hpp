#pragma once
// The `cleanup` service (Elastic's JobCleanUpService): at start-up, then every
// service.job_cleanup_interval seconds, jobs nobody is running any more are failed:
//
//   orphaned  in_progress / canceling jobs whose connector document is gone (soft-deleted
//             connectors still count as existing)      -> job error
//   idle      in_progress / canceling jobs of the managed connectors whose last_seen is older
//             than 300 s (evaluated by Elasticsearch)  -> job error, then the connector as
//             after any failed job (status error, last_sync_status error, same message)
//
// The message is Elastic's: "The job has not seen any update for some time."

#include <chrono>
#include <stop_token>

#include "connector/service_context.hpp"

namespace connectors::service {

// Elastic's IDLE_JOBS_THRESHOLD.
inline constexpr std::chrono::seconds kIdleJobsThreshold{300};

class JobCleanup {
 public:
  explicit JobCleanup(ServiceContext& context) : context_(context) {}

  // One pass: orphaned jobs, then idle jobs. A failure on one job is logged and the pass
  // goes on; a failing query throws.
  void run(std::stop_token stop);

 private:
  void fail_orphaned(std::stop_token stop);
  void fail_idle(std::stop_token stop);

  ServiceContext& context_;
};

}  // namespace connectors::service
