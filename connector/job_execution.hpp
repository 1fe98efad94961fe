#pragma once
// The `sync_content` and `sync_access_control` services (Elastic's JobExecutionService):
// every `idling` seconds, find pending and suspended jobs of the managed connectors, oldest
// first, and run each on its own thread, at most service.max_concurrent_content_syncs (or
// max_concurrent_access_control_syncs) at a time.
//
// A job is left pending (for a later poll, or another instance) when the limit is reached,
// when its connector is gone, when its connector is already syncing (last_sync_status, or
// last_access_control_sync_status, in_progress; see StaleSyncRecovery for a mark nobody will
// ever clear), and, for access-control jobs, when the connector has no document-level
// security or the Elasticsearch license is below platinum.

#include <atomic>
#include <list>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>

#include "connector/service_context.hpp"
#include "connector/stale_sync_recovery.hpp"

namespace connectors::service {

enum class JobKind { kContent, kAccessControl };

class JobExecution {
 public:
  JobExecution(ServiceContext& context, JobKind kind = JobKind::kContent)
      : context_(context), kind_(kind), recovery_(context) {}
  ~JobExecution();

  // One poll. Jobs started here run until done; `service_stop` suspends them.
  void poll(std::stop_token service_stop);
  // Waits for every running job to finish (after a stop, to write `suspended`).
  void wait_all();
  std::size_t running() const;

 private:
  struct Running {
    std::string job_id;
    std::string connector_id;
    std::shared_ptr<std::atomic<bool>> done;
    std::jthread thread;
  };
  void reap();
  std::string display_name() const;

  ServiceContext& context_;
  JobKind kind_;
  StaleSyncRecovery recovery_;
  std::list<Running> running_;
};

}  // namespace connectors::service
