#include "connector/error_monitor.hpp"

#include <gtest/gtest.h>

namespace connectors::service {
namespace {

TEST(ErrorMonitor, FailsAfterTooManyConsecutiveErrors) {
  ErrorMonitor m(ErrorMonitorConfig{.max_consecutive_errors = 3, .max_error_rate = 1.0});
  m.track_error("e");
  m.track_error("e");
  m.track_error("e");
  try {
    m.track_error("mapping conflict");
    FAIL() << "expected TooManyErrors";
  } catch (const TooManyErrors& e) {
    EXPECT_EQ(e.message(),
              "Exceeded maximum consecutive errors - saw 4 errors in a row. Last error: mapping conflict");
  }
}

TEST(ErrorMonitor, ASuccessResetsTheConsecutiveCount) {
  ErrorMonitor m(ErrorMonitorConfig{.max_consecutive_errors = 2, .max_error_rate = 1.0});
  for (int i = 0; i < 10; ++i) {
    m.track_error("e");
    m.track_error("e");
    m.track_success();
  }
  EXPECT_EQ(m.total_errors(), 20);
}

TEST(ErrorMonitor, FailsWhenTheWindowedRateIsExceeded) {
  // 100-operation window, 15 %: the 16th error among the last 100 operations fails.
  ErrorMonitor m(ErrorMonitorConfig{});
  for (int i = 0; i < 15; ++i) {
    m.track_success();
    EXPECT_NO_THROW(m.track_error("e"));
  }
  EXPECT_THROW(m.track_error("e"), TooManyErrors);
}

TEST(ErrorMonitor, OldErrorsLeaveTheWindow) {
  ErrorMonitor m(ErrorMonitorConfig{.max_error_rate = 0.2, .error_window_size = 10});
  m.track_error("e");
  m.track_error("e");
  for (int i = 0; i < 10; ++i) m.track_success();
  EXPECT_NO_THROW(m.track_error("e"));
  EXPECT_NO_THROW(m.track_error("e"));
}

TEST(ErrorMonitor, FailsAfterTooManyErrorsInAll) {
  ErrorMonitor m(ErrorMonitorConfig{.max_total_errors = 5, .max_error_rate = 1.0});
  for (int i = 0; i < 5; ++i) {
    m.track_error("e");
    m.track_success();
  }
  EXPECT_THROW(m.track_error("e"), TooManyErrors);
}

TEST(ErrorMonitor, DisabledOnlyCounts) {
  ErrorMonitor m(ErrorMonitorConfig{.enabled = false, .max_consecutive_errors = 1});
  for (int i = 0; i < 50; ++i) EXPECT_NO_THROW(m.track_error("e"));
  EXPECT_EQ(m.total_errors(), 50);
}

}  // namespace
}  // namespace connectors::service
