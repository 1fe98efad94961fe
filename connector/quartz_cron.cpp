#include "connector/quartz_cron.hpp"

#include <array>
#include <cctype>
#include <charconv>

namespace connectors::service {
namespace {

using namespace std::chrono;

constexpr int kMinYear = 1970;
constexpr int kMaxYear = 2199;

enum Field { kSecond, kMinute, kHour, kDayOfMonth, kMonth, kDayOfWeek, kYear };

struct FieldSpec {
  const char* name;
  int min;
  int max;
};

constexpr std::array<FieldSpec, 7> kFields = {{
    {"seconds", 0, 59},
    {"minutes", 0, 59},
    {"hours", 0, 23},
    {"day-of-month", 1, 31},
    {"month", 1, 12},
    {"day-of-week", 1, 7},
    {"year", kMinYear, kMaxYear},
}};

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class Parser {
 public:
  Parser(std::string_view expression, Field field) : expression_(expression), field_(field) {}

  [[noreturn]] void fail(const std::string& why) const {
    throw CronError("Invalid cron expression '" + std::string(expression_) + "': " + why);
  }

  const FieldSpec& spec() const { return kFields[field_]; }

  int number(std::string_view token, const char* what) const {
    int n = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), n);
    if (token.empty() || ec != std::errc{} || ptr != token.data() + token.size()) {
      fail(std::string(what) + " '" + std::string(token) + "' in the " + spec().name + " field is not a number");
    }
    return n;
  }

  // A value of this field: a number in range, or a month/day name.
  int value(std::string_view token) const {
    if (token.empty()) fail(std::string("a value is missing in the ") + spec().name + " field");
    int v = 0;
    if (std::isdigit(static_cast<unsigned char>(token[0]))) {
      v = number(token, "value");
    } else {
      const std::string name = upper(token);
      bool found = false;
      if (field_ == kMonth) {
        for (std::size_t i = 0; i < kMonthNames.size() && !found; ++i) {
          if (kMonthNames[i] == name) v = static_cast<int>(i) + 1, found = true;
        }
      } else if (field_ == kDayOfWeek) {
        for (std::size_t i = 0; i < kDayNames.size() && !found; ++i) {
          if (kDayNames[i] == name) v = static_cast<int>(i) + 1, found = true;
        }
      }
      if (!found) fail("'" + std::string(token) + "' is not allowed in the " + spec().name + " field");
    }
    if (v < spec().min || v > spec().max) {
      fail(std::string(spec().name) + " values must be between " + std::to_string(spec().min) + " and " +
           std::to_string(spec().max) + ", not " + std::to_string(v));
    }
    return v;
  }

  // `from`..`to` (wrapping past the maximum) every `step`, into `out`.
  template <typename Set>
  void add_range(Set& out, int from, int to, int step) const {
    const int size = spec().max - spec().min + 1;
    const int span = ((to - from) % size + size) % size;
    for (int i = 0; i <= span; i += step) out.set(static_cast<std::size_t>(spec().min + (from - spec().min + i) % size));
  }

  // One list item without specials: *, ?, v, a-b, with an optional /step.
  template <typename Set>
  void add_item(Set& out, std::string_view item) const {
    std::string_view base = item;
    int step = 1;
    bool stepped = false;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      base = item.substr(0, slash);
      step = number(item.substr(slash + 1), "step");
      stepped = true;
      if (step <= 0) fail(std::string("the step in the ") + spec().name + " field must be positive");
      if (base.empty()) fail(std::string("'/' must follow a value, '*' or '?' in the ") + spec().name + " field");
    }
    if (base == "*" || base == "?") {
      add_range(out, spec().min, spec().max, step);
      return;
    }
    if (const auto dash = base.find('-'); dash != std::string_view::npos && dash > 0) {
      add_range(out, value(base.substr(0, dash)), value(base.substr(dash + 1)), step);
      return;
    }
    const int v = value(base);
    if (stepped) {
      add_range(out, v, spec().max, step);
    } else {
      out.set(static_cast<std::size_t>(v));
    }
  }

 private:
  std::string_view expression_;
  Field field_;
};

std::vector<std::string_view> split(std::string_view text, bool on_space) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  if (on_space) {
    while (i < text.size()) {
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      const std::size_t start = i;
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (i > start) parts.push_back(text.substr(start, i - start));
    }
    return parts;
  }
  while (true) {
    const auto comma = text.find(',', i);
    parts.push_back(text.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i));
    if (comma == std::string_view::npos) return parts;
    i = comma + 1;
  }
}

unsigned last_day_of(int y, unsigned m) {
  return static_cast<unsigned>(year_month_day_last(year{y} / month{m} / last).day());
}

// Quartz numbers weekdays 1 (Sunday) to 7 (Saturday).
int quartz_weekday(int y, unsigned m, unsigned d) {
  return static_cast<int>(weekday(sys_days(year{y} / month{m} / day{d})).c_encoding()) + 1;
}

bool is_weekend(int quartz_day) { return quartz_day == 1 || quartz_day == 7; }

}  // namespace

QuartzCron QuartzCron::parse(std::string_view expression) {
  const auto fields = split(expression, true);
  QuartzCron cron;
  if (fields.size() < 6 || fields.size() > 7) {
    Parser(expression, kSecond)
        .fail("expected 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), found " +
              std::to_string(fields.size()));
  }
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const Field field = static_cast<Field>(f);
    const Parser parser(expression, field);
    const std::string_view text = fields[f];
    if (text.find('?') != std::string_view::npos && field != kDayOfMonth && field != kDayOfWeek) {
      parser.fail("'?' can only be used in the day-of-month and day-of-week fields");
    }
    const bool unrestricted = text == "*" || text == "?";
    std::bitset<2200> years;
    for (const std::string_view raw : split(text, false)) {
      if (raw.empty()) parser.fail(std::string("an empty item in the ") + kFields[field].name + " field");
      const std::string item = upper(raw);
      switch (field) {
        case kSecond: parser.add_item(cron.seconds_, item); break;
        case kMinute: parser.add_item(cron.minutes_, item); break;
        case kHour: parser.add_item(cron.hours_, item); break;
        case kMonth: parser.add_item(cron.months_, item); break;
        case kYear: parser.add_item(years, item); break;
        case kDayOfMonth:
          if (item == "L") {
            cron.dom_specials_.push_back({DaySpecial::Kind::kLastDay, 0, 0});
          } else if (item == "LW") {
            cron.dom_specials_.push_back({DaySpecial::Kind::kLastWeekday, 0, 0});
          } else if (item.size() > 2 && item.compare(0, 2, "L-") == 0) {
            const int offset = parser.number(std::string_view(item).substr(2), "offset");
            if (offset < 0 || offset > 30) parser.fail("the offset from the last day of the month must be at most 30");
            cron.dom_specials_.push_back({DaySpecial::Kind::kLastDay, offset, 0});
          } else if (item.size() > 1 && item.back() == 'W') {
            const int d = parser.value(std::string_view(item).substr(0, item.size() - 1));
            cron.dom_specials_.push_back({DaySpecial::Kind::kNearestWeekday, d, 0});
          } else {
            parser.add_item(cron.days_of_month_, item);
          }
          break;
        case kDayOfWeek:
          if (item == "L") {
            cron.days_of_week_.set(7);  // Quartz: a lone L is the last day of the week
          } else if (item.size() > 1 && item.back() == 'L') {
            const int d = parser.value(std::string_view(item).substr(0, item.size() - 1));
            cron.dow_specials_.push_back({DaySpecial::Kind::kLastOfWeekday, d, 0});
          } else if (const auto hash = item.find('#'); hash != std::string::npos) {
            const int d = parser.value(std::string_view(item).substr(0, hash));
            const int nth = parser.number(std::string_view(item).substr(hash + 1), "occurrence");
            if (nth < 1 || nth > 5) parser.fail("the number after '#' must be between 1 and 5");
            cron.dow_specials_.push_back({DaySpecial::Kind::kNthWeekday, d, nth});
          } else {
            parser.add_item(cron.days_of_week_, item);
          }
          break;
      }
    }
    if (field == kDayOfMonth) cron.dom_restricted_ = !unrestricted;
    if (field == kDayOfWeek) cron.dow_restricted_ = !unrestricted;
    if (field == kYear && !unrestricted) {
      cron.years_.assign(kMaxYear - kMinYear + 1, false);
      for (int y = kMinYear; y <= kMaxYear; ++y) cron.years_[static_cast<std::size_t>(y - kMinYear)] = years[static_cast<std::size_t>(y)];
    }
  }
  if (cron.dom_restricted_ && cron.dow_restricted_) {
    Parser(expression, kDayOfMonth)
        .fail("restricting both the day-of-month and the day-of-week is not supported: use '?' in one of them");
  }
  return cron;
}

bool QuartzCron::day_matches(int y, unsigned m, unsigned d) const {
  if (dom_restricted_) {
    bool match = days_of_month_[d];
    const unsigned last_day = last_day_of(y, m);
    for (const auto& s : dom_specials_) {
      if (match) break;
      switch (s.kind) {
        case DaySpecial::Kind::kLastDay:
          match = static_cast<int>(last_day) - s.value >= 1 && d == last_day - static_cast<unsigned>(s.value);
          break;
        case DaySpecial::Kind::kLastWeekday: {
          unsigned target = last_day;
          while (is_weekend(quartz_weekday(y, m, target))) --target;
          match = d == target;
          break;
        }
        case DaySpecial::Kind::kNearestWeekday: {
          if (static_cast<unsigned>(s.value) > last_day) break;
          unsigned target = static_cast<unsigned>(s.value);
          const int wd = quartz_weekday(y, m, target);
          // The nearest weekday in the same month: Saturday -> Friday (Monday on the 1st),
          // Sunday -> Monday (Friday on the last day).
          if (wd == 7) target = target == 1 ? 3 : target - 1;
          if (wd == 1) target = target == last_day ? target - 2 : target + 1;
          match = d == target;
          break;
        }
        default: break;
      }
    }
    if (!match) return false;
  }
  if (dow_restricted_) {
    const int wd = quartz_weekday(y, m, d);
    bool match = days_of_week_[static_cast<std::size_t>(wd)];
    for (const auto& s : dow_specials_) {
      if (match) break;
      if (s.value != wd) continue;
      if (s.kind == DaySpecial::Kind::kLastOfWeekday) match = d + 7 > last_day_of(y, m);
      if (s.kind == DaySpecial::Kind::kNthWeekday) match = static_cast<int>((d - 1) / 7 + 1) == s.nth;
    }
    if (!match) return false;
  }
  return true;
}

std::optional<core::WallTime> QuartzCron::next_after(core::WallTime after) const {
  sys_seconds t = floor<seconds>(after) + seconds{1};
  // Each step moves to the next candidate second, minute, hour, day, month or year, so the
  // search ends after a few thousand steps per year examined.
  for (int guard = 0; guard < 10'000'000; ++guard) {
    const sys_days today = floor<days>(t);
    const year_month_day ymd{today};
    const hh_mm_ss clock{t - today};
    const int y = static_cast<int>(ymd.year());
    const unsigned mo = static_cast<unsigned>(ymd.month());
    const unsigned d = static_cast<unsigned>(ymd.day());
    const int h = static_cast<int>(clock.hours().count());
    const int mi = static_cast<int>(clock.minutes().count());
    const int s = static_cast<int>(clock.seconds().count());
    if (y > kMaxYear) return std::nullopt;
    if (!years_.empty() && (y < kMinYear || !years_[static_cast<std::size_t>(y - kMinYear)])) {
      int next = std::max(y + 1, kMinYear);
      while (next <= kMaxYear && !years_[static_cast<std::size_t>(next - kMinYear)]) ++next;
      if (next > kMaxYear) return std::nullopt;
      t = sys_days(year{next} / January / 1);
      continue;
    }
    if (!months_[mo]) {
      t = sys_days((ymd.year() / ymd.month() / 1) + months{1});
      continue;
    }
    if (!day_matches(y, mo, d)) {
      t = today + days{1};
      continue;
    }
    if (!hours_[static_cast<std::size_t>(h)]) {
      t = today + hours{h + 1};
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(mi)]) {
      t = today + hours{h} + minutes{mi + 1};
      continue;
    }
    if (!seconds_[static_cast<std::size_t>(s)]) {
      t += seconds{1};
      continue;
    }
    return core::WallTime(t);
  }
  return std::nullopt;
}

std::optional<core::WallTime> next_run(std::string_view expression, core::WallTime after) {
  return QuartzCron::parse(expression).next_after(after);
}

}  // namespace connectors::service
