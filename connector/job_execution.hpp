#pragma once
// The `sync_content` service (Elastic's ContentSyncJobExecutionService): every `idling`
// seconds, find pending and suspended jobs of the managed connectors, oldest first, and run
// each on its own thread, at most service.max_concurrent_content_syncs at a time.
//
// A job is left pending (for a later poll, or another instance) when the limit is reached,
// when its connector is already syncing (last_sync_status in_progress), or when its
// connector is gone.

#include <atomic>
#include <list>
#include <memory>
#include <stop_token>
#include <string>
#include <thread>

#include "connector/service_context.hpp"

namespace connectors::service {

class JobExecution {
 public:
  explicit JobExecution(ServiceContext& context) : context_(context) {}
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

  ServiceContext& context_;
  std::list<Running> running_;
};

}  // namespace connectors::service
