#pragma once
// Turns SIGINT/SIGTERM into a stop request for test drivers, so that a Ctrl-C unwinds the
// stack and every child process (PostgreSQL, es-emulator, the service) is stopped by its
// destructor. The signals are blocked in all threads and taken by one watcher thread.

#include <signal.h>

#include <stop_token>
#include <thread>

namespace connectors::ftest {

class InterruptWatcher {
 public:
  InterruptWatcher();
  std::stop_token token() const { return stop_.get_token(); }

 private:
  std::stop_source stop_;
  sigset_t signals_{};
  std::jthread thread_;
};

}  // namespace connectors::ftest
