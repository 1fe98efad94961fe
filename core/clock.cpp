#include "core/clock.hpp"

namespace connectors::core {

bool SystemClock::sleep_for(Millis duration, std::stop_token stop) {
  std::unique_lock lock(mutex_);
  // wait_for with a stop_token returns early, and returns the predicate, when stop is requested.
  wake_.wait_for(lock, stop, duration, [] { return false; });
  return !stop.stop_requested();
}

}  // namespace connectors::core
