#include "core/time_format.hpp"

#include <tuple>

#include <gtest/gtest.h>

namespace connectors::core {
namespace {

using namespace std::chrono;

WallTime at(long long seconds_since_epoch, long long micros = 0) {
  return WallTime{duration_cast<system_clock::duration>(seconds{seconds_since_epoch} +
                                                         microseconds{micros})};
}

TEST(TimeFormat, PythonIsoformatDropsZeroFraction) {
  EXPECT_EQ(format_python_utc(at(1677000000)), "2023-02-21T17:20:00+00:00");
  EXPECT_EQ(format_python_utc(at(1677000000, 345678)), "2023-02-21T17:20:00.345678+00:00");
  EXPECT_EQ(format_python_utc(at(1677000000, 5000)), "2023-02-21T17:20:00.005000+00:00");
}

TEST(TimeFormat, JavaInstantUsesGroupsOfThreeDigits) {
  EXPECT_EQ(format_java_instant(at(1677000000)), "2023-02-21T17:20:00Z");
  EXPECT_EQ(format_java_instant(at(1677000000, 120000)), "2023-02-21T17:20:00.120Z");
  EXPECT_EQ(format_java_instant(at(1677000000, 567149)), "2023-02-21T17:20:00.567149Z");
}

TEST(TimeFormat, SplitsIntoCivilParts) {
  auto parts = [](const CivilTime& p) {
    return std::tuple(p.year, p.month, p.day, p.hour, p.minute, p.second, p.nanos);
  };
  EXPECT_EQ(parts(civil_time(at(1677000000, 567149))),
            std::tuple(2023, 2u, 21u, 17LL, 20LL, 0LL, 567149000LL));
  // Before the epoch the day still starts at midnight.
  EXPECT_EQ(parts(civil_time(at(-1))), std::tuple(1969, 12u, 31u, 23LL, 59LL, 59LL, 0LL));
}

TEST(TimeFormat, ParsesBothSpellingsAndOffsets) {
  EXPECT_EQ(parse_iso8601("2023-02-21T17:20:00Z"), at(1677000000));
  EXPECT_EQ(parse_iso8601("2023-02-21T17:20:00+00:00"), at(1677000000));
  EXPECT_EQ(parse_iso8601("2023-02-21T19:20:00+02:00"), at(1677000000));
  EXPECT_EQ(parse_iso8601("2023-02-21T16:50:00-0030"), at(1677000000));
  EXPECT_EQ(parse_iso8601("2023-02-21 17:20:00.345678+00:00"), at(1677000000, 345678));
  EXPECT_EQ(parse_iso8601("2023-02-21T17:20"), at(1677000000));
  EXPECT_EQ(parse_iso8601("2023-02-21"), at(1676937600));
}

TEST(TimeFormat, RoundTripsItsOwnOutput) {
  const WallTime t = at(1700000000, 123456);
  EXPECT_EQ(parse_iso8601(format_python_utc(t)), t);
  EXPECT_EQ(parse_iso8601(format_java_instant(t)), t);
}

TEST(TimeFormat, RejectsMalformedText) {
  EXPECT_FALSE(parse_iso8601(""));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2023-13-01"));
  EXPECT_FALSE(parse_iso8601("2023-02-30"));
  EXPECT_FALSE(parse_iso8601("2023-02-21T25:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2023-02-21T17:20:00Zjunk"));
  EXPECT_FALSE(parse_iso8601("2023-02-21T17:20:00."));
}

}  // namespace
}  // namespace connectors::core
