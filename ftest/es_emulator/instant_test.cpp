#include "ftest/es_emulator/instant.hpp"

#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"

namespace connectors::emulator {
namespace {

using namespace std::chrono;

core::WallTime at(const char* iso) { return *parse_strict_instant(iso); }

TEST(EsInstant, PrintsAtLeastMillisecondsAndDropsTrailingZeros) {
  EXPECT_EQ(format_es_instant(at("2023-06-25T12:30:00Z")), "2023-06-25T12:30:00.000Z");
  EXPECT_EQ(format_es_instant(at("2023-06-25T12:30:00.5Z")), "2023-06-25T12:30:00.500Z");
  EXPECT_EQ(format_es_instant(at("2023-12-04T08:45:50.567149Z")), "2023-12-04T08:45:50.567149Z");
  EXPECT_EQ(format_es_instant(at("2023-12-04T08:45:50.12345Z")), "2023-12-04T08:45:50.12345Z");
  EXPECT_EQ(format_es_instant(at("2023-12-04T10:45:50.000000001+02:00")),
            "2023-12-04T08:45:50.000000001Z");
}

TEST(EsInstant, StrictParsingNeedsTimeAndZone) {
  EXPECT_TRUE(parse_strict_instant("2023-05-25T12:30:00.000Z"));
  EXPECT_FALSE(parse_strict_instant("2023-05-25"));
  EXPECT_FALSE(parse_strict_instant("2023-05-25T12:30:00"));
  EXPECT_FALSE(parse_strict_instant("wrong datetime"));
  EXPECT_TRUE(parse_date_value("2023-05-25"));
  EXPECT_EQ(parse_date_value("1700000000000")->time_since_epoch(),
            duration_cast<core::WallTime::duration>(milliseconds{1700000000000}));
}

TEST(EsInstant, DateMath) {
  const core::WallTime now = at("2024-03-15T10:20:30.400Z");
  EXPECT_EQ(format_es_instant(*resolve_date_math("now", now)), "2024-03-15T10:20:30.400Z");
  EXPECT_EQ(format_es_instant(*resolve_date_math("now-5m", now)), "2024-03-15T10:15:30.400Z");
  EXPECT_EQ(format_es_instant(*resolve_date_math("now+1d/d", now)), "2024-03-16T00:00:00.000Z");
  EXPECT_EQ(format_es_instant(*resolve_date_math("2024-01-31||+1M", now)),
            "2024-02-29T00:00:00.000Z");
  EXPECT_FALSE(resolve_date_math("yesterday", now));
}

TEST(InstantSource, StrictlyIncreasingWhenTheClockStandsStill) {
  core::testing::ManualClock clock;
  InstantSource source(clock);
  const auto a = source.next();
  const auto b = source.next();
  EXPECT_EQ(b - a, duration_cast<core::WallTime::duration>(microseconds{1}));
  clock.advance(milliseconds{5});
  const auto c = source.next();
  EXPECT_EQ(c, clock.now());
  EXPECT_GT(c, b);
}

}  // namespace
}  // namespace connectors::emulator
