#include "sources/postgresql/retrier.hpp"

#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"
#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql {
namespace {

using namespace std::chrono_literals;

TEST(Retrier, TriesRetryCountTimesWithExponentialWaits) {
  core::testing::ManualClock clock;
  Retrier retrier(clock, 3);
  int calls = 0;
  EXPECT_THROW(retrier.run("x", {}, [&] {
    ++calls;
    throw PgError("connection refused", "", "connecting");
  }),
               PgError);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(clock.sleeps(), (std::vector<core::Millis>{2000ms, 4000ms}));
}

TEST(Retrier, StopsRetryingOnSuccess) {
  core::testing::ManualClock clock;
  Retrier retrier(clock, 3);
  int calls = 0;
  retrier.run("x", {}, [&] {
    if (++calls < 2) throw PgError("deadlock detected", "40P01", "query");
  });
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(clock.sleeps().size(), 1u);
}

TEST(Retrier, PermanentErrorsAndVetoesFailAtOnce) {
  core::testing::ManualClock clock;
  Retrier retrier(clock, 3);
  int calls = 0;
  EXPECT_THROW(retrier.run("x", {}, [&] {
    ++calls;
    throw PgError("password authentication failed", "28P01", "connecting");
  }),
               PgError);
  EXPECT_EQ(calls, 1);
  EXPECT_THROW(retrier.run(
                   "x", {}, [&] {
                     ++calls;
                     throw PgError("connection lost", "08006", "copy");
                   },
                   [] { return false; }),
               PgError);
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST(Retrier, OtherExceptionsAreNotRetried) {
  core::testing::ManualClock clock;
  Retrier retrier(clock, 3);
  int calls = 0;
  EXPECT_THROW(retrier.run("x", {}, [&] {
    ++calls;
    throw std::runtime_error("sink failed");
  }),
               std::runtime_error);
  EXPECT_EQ(calls, 1);
}

TEST(Retrier, AStopDuringTheWaitEndsIt) {
  core::testing::ManualClock clock;
  Retrier retrier(clock, 3);
  std::stop_source stop;
  stop.request_stop();
  EXPECT_THROW(retrier.run("x", stop.get_token(), [&] { throw PgError("refused", "", "connecting"); }),
               core::StopRequested);
}

TEST(Retrier, AtLeastOneAttempt) {
  core::testing::ManualClock clock;
  Retrier retrier(clock, 0);
  int calls = 0;
  retrier.run("x", {}, [&] { ++calls; });
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace connectors::sources::postgresql
