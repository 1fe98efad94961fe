#pragma once
// Time as an input. Everything that reads the time or waits takes a Clock, so tests can
// drive schedules, heartbeats and backoff with a ManualClock instead of sleeping.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace connectors::core {

using WallTime = std::chrono::system_clock::time_point;
using SteadyTime = std::chrono::steady_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;

  // Wall-clock time, for timestamps written to documents and schedules.
  virtual WallTime now() const = 0;
  // Monotonic time, for deadlines and intervals.
  virtual SteadyTime steady_now() const = 0;
  // Waits for `duration` or until `stop` is requested, whichever comes first.
  // Returns false when it returned early because of `stop`.
  virtual bool sleep_for(Millis duration, std::stop_token stop) = 0;
};

// The real clocks. sleep_for wakes up as soon as a stop is requested.
class SystemClock final : public Clock {
 public:
  WallTime now() const override { return std::chrono::system_clock::now(); }
  SteadyTime steady_now() const override { return std::chrono::steady_clock::now(); }
  bool sleep_for(Millis duration, std::stop_token stop) override;

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
};

}  // namespace connectors::core
