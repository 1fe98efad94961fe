#include "connector/error_monitor.hpp"

#include <sstream>

namespace connectors::service {

ErrorMonitor::ErrorMonitor(const ErrorMonitorConfig& config)
    : config_(config), window_(static_cast<std::size_t>(std::max(config.error_window_size, 0)), false) {}

void ErrorMonitor::record(bool error) {
  if (window_.empty()) return;
  if (window_[window_index_]) --window_errors_;
  window_[window_index_] = error;
  if (error) ++window_errors_;
  window_index_ = (window_index_ + 1) % window_.size();
}

void ErrorMonitor::track_success() {
  consecutive_errors_ = 0;
  ++total_successes_;
  record(false);
}

void ErrorMonitor::track_error(const std::string& error) {
  ++total_errors_;
  ++consecutive_errors_;
  record(true);
  if (!config_.enabled) return;
  if (consecutive_errors_ > config_.max_consecutive_errors) {
    throw TooManyErrors("Exceeded maximum consecutive errors - saw " + std::to_string(consecutive_errors_) +
                        " errors in a row. Last error: " + error);
  }
  if (total_errors_ > config_.max_total_errors) {
    throw TooManyErrors("Exceeded maximum total error count - saw " + std::to_string(total_errors_) +
                        " errors. Last error: " + error);
  }
  if (!window_.empty()) {
    const double rate = static_cast<double>(window_errors_) / static_cast<double>(window_.size());
    if (rate > config_.max_error_rate) {
      std::ostringstream max_rate;
      max_rate << config_.max_error_rate;
      throw TooManyErrors("Exceeded maximum error ratio of " + max_rate.str() + " for last " +
                          std::to_string(window_.size()) + " operations. Last error: " + error);
    }
  }
}

}  // namespace connectors::service
