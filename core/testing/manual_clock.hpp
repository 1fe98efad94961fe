#pragma once
// A Clock for tests: time moves only when the test (or a sleep) moves it. sleep_for
// advances the clock by the requested duration and returns at once, so code that retries
// with backoff runs instantly while still seeing time pass. Every sleep is recorded.

#include <mutex>
#include <vector>

#include "core/clock.hpp"

namespace connectors::core::testing {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(WallTime start = WallTime{std::chrono::seconds{1'700'000'000}})
      : wall_(start) {}

  WallTime now() const override {
    std::lock_guard lock(mutex_);
    return wall_;
  }
  SteadyTime steady_now() const override {
    std::lock_guard lock(mutex_);
    return steady_;
  }
  bool sleep_for(Millis duration, std::stop_token stop) override {
    if (stop.stop_requested()) return false;
    std::lock_guard lock(mutex_);
    sleeps_.push_back(duration);
    wall_ += duration;
    steady_ += duration;
    return true;
  }

  void advance(Millis duration) {
    std::lock_guard lock(mutex_);
    wall_ += duration;
    steady_ += duration;
  }
  std::vector<Millis> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }

 private:
  mutable std::mutex mutex_;
  WallTime wall_;
  SteadyTime steady_{};
  std::vector<Millis> sleeps_;
};

}  // namespace connectors::core::testing
