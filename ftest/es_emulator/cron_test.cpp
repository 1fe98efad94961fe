#include "ftest/es_emulator/cron.hpp"

#include <gtest/gtest.h>

namespace connectors::emulator {
namespace {

TEST(Cron, AcceptsQuartzExpressions) {
  for (const char* ok :
       {"0 0 0 * * ?", "1 0 0 * * ?", "0 * * * * ?", "0/5 * * * * ?", "0 15 10 ? * MON-FRI",
        "0 0 12 1/5 * ?", "0 11 11 11 11 ?", "0 15 10 L * ?", "0 15 10 ? * 6L", "0 15 10 ? * 6#3",
        "0 0 12 ? JAN,FEB * 2030", "0 0 8 15W * ?", "59 59 23 31 12 ? 2099"}) {
    EXPECT_FALSE(cron_problem(ok)) << ok << ": " << cron_problem(ok).value_or("");
  }
}

TEST(Cron, RejectsInvalidExpressions) {
  EXPECT_EQ(*cron_problem("61 0 0 * * ?"), "Minute and Second values must be between 0 and 59");
  EXPECT_EQ(*cron_problem("0 60 0 * * ?"), "Minute and Second values must be between 0 and 59");
  EXPECT_EQ(*cron_problem("0 0 24 * * ?"), "Hour values must be between 0 and 23");
  EXPECT_EQ(*cron_problem("0 0 0 32 * ?"), "Day of month values must be between 1 and 31");
  EXPECT_EQ(*cron_problem("0 0 0 ? 13 *"), "Month values must be between 1 and 12");
  EXPECT_EQ(*cron_problem("0 0 0 ? * 8"), "Day-of-Week values must be between 1 and 7");
  EXPECT_EQ(*cron_problem("0 0 0 * *"), "Unexpected end of expression.");
  EXPECT_EQ(
      *cron_problem("0 0 0 * * * *"),
      "Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.");
  EXPECT_TRUE(cron_problem("0 0 0 ? * ?"));
  EXPECT_TRUE(cron_problem("? 0 0 * * ?"));
  EXPECT_TRUE(cron_problem("0 0 0 * FOO ?"));
  EXPECT_TRUE(cron_problem("0/61 * * * * ?"));
  EXPECT_TRUE(cron_problem("every minute"));
}

}  // namespace
}  // namespace connectors::emulator
