#pragma once
// Quartz cron expressions, the `interval` of a connector's `scheduling.{full,incremental,
// access_control}`, as Elasticsearch's Cron validator accepts them and Kibana writes them:
//
//   seconds minutes hours day-of-month month day-of-week [year]
//   "0 0 0 * * ?"   "0 30 14 ? * 2"   "*/5 * * * * ?"   "0 0 12 L * ?"   "0 0 9 ? * 6#3"
//
// Each field takes `*`, numbers, ranges `a-b` (wrapping: `FRI-MON`, `22-2`), lists `a,b`,
// steps `*/n`, `a/n`, `a-b/n`, month names JAN-DEC and day names SUN-SAT (1 = Sunday).
// Day-of-month and day-of-week take `?` (no constraint) and Quartz's specials: `L`, `L-n`,
// `LW`, `nW` for the day of month, `L` (Saturday), `nL` (last weekday n of the month) and
// `n#k` (k-th weekday n) for the day of week. At most one of the two day fields may be
// restricted, as in Quartz (`*` in both means every day).
//
// Unlike Elastic's service, which drops the seconds field (so "every 5 seconds" runs every
// minute), the seconds are honoured. Times are UTC. Pure.

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace connectors::service {

// The expression cannot be parsed; the message says which field and why.
class CronError : public core::Error {
 public:
  explicit CronError(std::string message) : core::Error("CronError", std::move(message)) {}
};

class QuartzCron {
 public:
  // Throws CronError.
  static QuartzCron parse(std::string_view expression);

  // The first occurrence strictly after `after` (whole seconds, UTC); nullopt when there is
  // none (e.g. "0 0 0 30 2 ?", or past the last year of the year field).
  std::optional<core::WallTime> next_after(core::WallTime after) const;

 private:
  // A day-of-month or day-of-week item beyond a plain set of values.
  struct DaySpecial {
    enum class Kind { kLastDay, kLastWeekday, kNearestWeekday, kLastOfWeekday, kNthWeekday };
    Kind kind;
    int value = 0;   // L-n offset, W day, weekday (1 = Sunday)
    int nth = 0;     // n#k: k
  };

  bool day_matches(int year, unsigned month, unsigned day) const;

  std::bitset<60> seconds_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_of_month_;   // bit d for day d
  std::bitset<13> months_;          // bit m for month m
  std::bitset<8> days_of_week_;     // bit w for weekday w (1 = Sunday)
  std::vector<DaySpecial> dom_specials_;
  std::vector<DaySpecial> dow_specials_;
  bool dom_restricted_ = false;
  bool dow_restricted_ = false;
  std::vector<bool> years_;  // index year - kMinYear; empty: every year
};

// QuartzCron::parse(expression).next_after(after).
std::optional<core::WallTime> next_run(std::string_view expression, core::WallTime after);

}  // namespace connectors::service
