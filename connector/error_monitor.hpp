#pragma once
// The bulk error budget (Elastic's ErrorMonitor): a sync fails with TooManyErrors when
// rejected documents are too many in a row, in all, or as a share of the last N operations.
// Below those limits, rejected documents are logged and the sync goes on. Pure.

#include <cstdint>
#include <string>
#include <vector>

#include "connector/config.hpp"
#include "core/error.hpp"

namespace connectors::service {

class TooManyErrors : public core::Error {
 public:
  explicit TooManyErrors(std::string message) : core::Error("TooManyErrors", std::move(message)) {}
};

class ErrorMonitor {
 public:
  explicit ErrorMonitor(const ErrorMonitorConfig& config);

  void track_success();
  // Throws TooManyErrors when a limit is exceeded (unless the monitor is disabled).
  void track_error(const std::string& error);

  std::int64_t total_errors() const { return total_errors_; }
  std::int64_t total_successes() const { return total_successes_; }

 private:
  void record(bool error);

  ErrorMonitorConfig config_;
  std::vector<bool> window_;  // the last error_window_size operations; unset slots count as successes
  std::size_t window_index_ = 0;
  int window_errors_ = 0;
  int consecutive_errors_ = 0;
  std::int64_t total_errors_ = 0;
  std::int64_t total_successes_ = 0;
};

}  // namespace connectors::service
