#include "ftest/stack/interrupt_watcher.hpp"

#include <cstdio>
#include <ctime>

namespace connectors::ftest {

InterruptWatcher::InterruptWatcher() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
  thread_ = std::jthread([this](std::stop_token own) {
    while (!own.stop_requested()) {
      timespec wait{0, 200'000'000};
      const int signal = sigtimedwait(&signals_, nullptr, &wait);
      if (signal == SIGINT || signal == SIGTERM) {
        std::fprintf(stderr, "\ninterrupted: stopping everything that was started\n");
        stop_.request_stop();
      }
    }
  });
}

}  // namespace connectors::ftest
