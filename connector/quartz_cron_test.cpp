#include "connector/quartz_cron.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace connectors::service {
namespace {

core::WallTime at(std::string_view iso) { return *core::parse_iso8601(iso); }

std::string next(std::string_view expression, std::string_view after) {
  const auto t = next_run(expression, at(after));
  return t ? core::format_java_instant(*t) : "none";
}

TEST(QuartzCron, KibanaScheduleShapes) {
  // The frequencies of Kibana's scheduling editor, and the connector default.
  EXPECT_EQ(next("0 * * * * ?", "2024-05-01T12:00:30Z"), "2024-05-01T12:01:00Z");
  EXPECT_EQ(next("0 15 * * * ?", "2024-05-01T12:20:00Z"), "2024-05-01T13:15:00Z");
  EXPECT_EQ(next("0 30 2 * * ?", "2024-05-01T12:00:00Z"), "2024-05-02T02:30:00Z");
  EXPECT_EQ(next("0 0 9 ? * 2", "2024-05-01T12:00:00Z"), "2024-05-06T09:00:00Z");  // a Monday
  EXPECT_EQ(next("0 0 0 15 * ?", "2024-05-16T00:00:00Z"), "2024-06-15T00:00:00Z");
  EXPECT_EQ(next("0 0 0 1 1 ?", "2024-05-01T00:00:00Z"), "2025-01-01T00:00:00Z");
  EXPECT_EQ(next("0 0 0 * * ?", "2024-05-01T00:00:00Z"), "2024-05-02T00:00:00Z");
}

TEST(QuartzCron, OccurrencesAreStrictlyAfterTheGivenTime) {
  EXPECT_EQ(next("0 * * * * ?", "2024-05-01T12:01:00Z"), "2024-05-01T12:02:00Z");
  EXPECT_EQ(next("0 * * * * ?", "2024-05-01T12:00:59.999Z"), "2024-05-01T12:01:00Z");
}

TEST(QuartzCron, TheSecondsFieldIsHonoured) {
  EXPECT_EQ(next("*/5 * * * * ?", "2024-05-01T12:00:01Z"), "2024-05-01T12:00:05Z");
  EXPECT_EQ(next("*/5 * * * * ?", "2024-05-01T12:00:05Z"), "2024-05-01T12:00:10Z");
  EXPECT_EQ(next("0/20 * * * * ?", "2024-05-01T12:00:41Z"), "2024-05-01T12:01:00Z");
  EXPECT_EQ(next("30 * * * * ?", "2024-05-01T12:00:31Z"), "2024-05-01T12:01:30Z");
}

TEST(QuartzCron, ListsRangesStepsAndWrappingRanges) {
  EXPECT_EQ(next("0 10-40/15 * * * ?", "2024-05-01T12:26:00Z"), "2024-05-01T12:40:00Z");
  EXPECT_EQ(next("0 10-40/15 * * * ?", "2024-05-01T12:41:00Z"), "2024-05-01T13:10:00Z");
  EXPECT_EQ(next("0 0 1,13 * * ?", "2024-05-01T02:00:00Z"), "2024-05-01T13:00:00Z");
  EXPECT_EQ(next("0 0 22-2 * * ?", "2024-05-01T23:30:00Z"), "2024-05-02T00:00:00Z");
  EXPECT_EQ(next("0 0 22-2 * * ?", "2024-05-01T02:30:00Z"), "2024-05-01T22:00:00Z");
  EXPECT_EQ(next("0 0 0 ? * FRI-MON", "2024-05-01T12:00:00Z"), "2024-05-03T00:00:00Z");  // Wed -> Fri
}

TEST(QuartzCron, MonthAndDayNamesInAnyCase) {
  EXPECT_EQ(next("0 0 12 ? * MON-FRI", "2024-05-03T13:00:00Z"), "2024-05-06T12:00:00Z");
  EXPECT_EQ(next("0 0 0 ? jan,jul sun", "2024-05-01T00:00:00Z"), "2024-07-07T00:00:00Z");
}

TEST(QuartzCron, LastDayWeekdayAndNthWeekdaySpecials) {
  EXPECT_EQ(next("0 0 0 L * ?", "2024-02-10T00:00:00Z"), "2024-02-29T00:00:00Z");
  EXPECT_EQ(next("0 0 0 L-2 * ?", "2024-04-01T00:00:00Z"), "2024-04-28T00:00:00Z");
  EXPECT_EQ(next("0 0 0 LW * ?", "2024-08-01T00:00:00Z"), "2024-08-30T00:00:00Z");  // the 31st is a Saturday
  EXPECT_EQ(next("0 0 0 15W * ?", "2024-06-01T00:00:00Z"), "2024-06-14T00:00:00Z");  // the 15th is a Saturday
  EXPECT_EQ(next("0 0 0 1W * ?", "2024-06-01T00:00:00Z"), "2024-06-03T00:00:00Z");  // June 1st: Sat -> Mon 3rd
  EXPECT_EQ(next("0 0 0 1W * ?", "2024-06-04T00:00:00Z"), "2024-07-01T00:00:00Z");
  EXPECT_EQ(next("0 0 0 1W * ?", "2024-05-31T00:00:00Z"), "2024-06-03T00:00:00Z");
  EXPECT_EQ(next("0 0 0 ? * 6L", "2024-05-01T00:00:00Z"), "2024-05-31T00:00:00Z");  // last Friday
  EXPECT_EQ(next("0 0 0 ? * 6#3", "2024-05-01T00:00:00Z"), "2024-05-17T00:00:00Z");  // third Friday
  EXPECT_EQ(next("0 0 0 ? * L", "2024-05-01T00:00:00Z"), "2024-05-04T00:00:00Z");  // Saturday
}

TEST(QuartzCron, YearFieldAndImpossibleDates) {
  EXPECT_EQ(next("0 0 0 1 1 ? 2030", "2024-05-01T00:00:00Z"), "2030-01-01T00:00:00Z");
  EXPECT_EQ(next("0 0 0 1 1 ? 2030", "2030-01-01T00:00:00Z"), "none");
  EXPECT_EQ(next("0 0 0 30 2 ?", "2024-05-01T00:00:00Z"), "none");
  EXPECT_EQ(next("0 0 0 29 2 ?", "2024-03-01T00:00:00Z"), "2028-02-29T00:00:00Z");
}

TEST(QuartzCron, BothDayFieldsStarMeansEveryDay) {
  EXPECT_EQ(next("0 0 0 * * *", "2024-05-01T00:00:00Z"), "2024-05-02T00:00:00Z");
  EXPECT_EQ(next("0 0 0 * * MON", "2024-05-01T00:00:00Z"), "2024-05-06T00:00:00Z");
}

TEST(QuartzCron, InvalidExpressionsSayWhy) {
  auto problem = [](std::string_view expression) {
    try {
      QuartzCron::parse(expression);
    } catch (const CronError& e) {
      return e.message();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(problem("61 0 0 * * ?"),
            "Invalid cron expression '61 0 0 * * ?': seconds values must be between 0 and 59, not 61");
  EXPECT_NE(problem("0 0 0 * *").find("expected 6 or 7 fields"), std::string::npos);
  EXPECT_NE(problem("0 0 0 1 * MON").find("use '?' in one of them"), std::string::npos);
  EXPECT_NE(problem("0 0 0 ? * 8").find("day-of-week values must be between 1 and 7"), std::string::npos);
  EXPECT_NE(problem("? 0 0 * * ?").find("'?' can only be used"), std::string::npos);
  EXPECT_NE(problem("0 0 0 * * ? 1969").find("year values"), std::string::npos);
  EXPECT_NE(problem("0 0 0 ? * MON#6").find("between 1 and 5"), std::string::npos);
  EXPECT_NE(problem("0 0 0 ? FOO *").find("'FOO' is not allowed"), std::string::npos);
  EXPECT_NE(problem("0 */0 * * * ?").find("step"), std::string::npos);
  EXPECT_EQ(problem("0 0 0 ? * 6#3"), "accepted");
}

}  // namespace
}  // namespace connectors::service
