#include "core/backoff.hpp"

#include <gtest/gtest.h>

namespace connectors::core {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(Backoff, LinearGrowsByTheIntervalEachAttempt) {
  // Elastic's framework retrier: retry_interval (10 s) x attempt.
  const auto b = Backoff::linear(seconds{10});
  EXPECT_EQ(b.delay(1), seconds{10});
  EXPECT_EQ(b.delay(2), seconds{20});
  EXPECT_EQ(b.delay(4), seconds{40});
}

TEST(Backoff, ExponentialMultipliesEachAttempt) {
  // Elastic's start-up wait: 1 s, doubled each time.
  const auto b = Backoff::exponential(seconds{1}, 2.0);
  EXPECT_EQ(b.delay(1), seconds{1});
  EXPECT_EQ(b.delay(2), seconds{2});
  EXPECT_EQ(b.delay(3), seconds{4});
  EXPECT_EQ(b.delay(6), seconds{32});
}

TEST(Backoff, IsCappedAndSurvivesHugeAttemptNumbers) {
  const auto b = Backoff::exponential(seconds{1}, 2.0, seconds{30});
  EXPECT_EQ(b.delay(10), seconds{30});
  EXPECT_EQ(b.delay(100000), seconds{30});
  EXPECT_EQ(Backoff::linear(seconds{10}, seconds{25}).delay(1000000), seconds{25});
}

TEST(Backoff, AttemptsBelowOneCountAsTheFirst) {
  const auto b = Backoff::exponential(milliseconds{100}, 3.0);
  EXPECT_EQ(b.delay(0), milliseconds{100});
  EXPECT_EQ(b.delay(-5), milliseconds{100});
}

}  // namespace
}  // namespace connectors::core
