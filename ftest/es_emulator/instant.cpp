#include "ftest/es_emulator/instant.hpp"

#include <charconv>
#include <cstdio>

#include "core/time_format.hpp"

namespace connectors::emulator {

using namespace std::chrono;

std::string format_es_instant(core::WallTime t) {
  const core::CivilTime p = core::civil_time(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.", p.year, p.month, p.day,
                p.hour, p.minute, p.second);
  std::string out = buf;
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, "%09lld", p.nanos);
  std::size_t digits = 9;
  while (digits > 3 && fraction[digits - 1] == '0') --digits;
  out.append(fraction, digits);
  out += 'Z';
  return out;
}

std::optional<core::WallTime> parse_strict_instant(std::string_view text) {
  const auto t = text.find('T');
  if (t == std::string_view::npos || t + 1 >= text.size()) return std::nullopt;
  const std::string_view time = text.substr(t + 1);
  const bool zoned = time.back() == 'Z' || time.back() == 'z' ||
                     time.find('+') != std::string_view::npos ||
                     time.find('-') != std::string_view::npos;
  if (!zoned) return std::nullopt;
  return core::parse_iso8601(text);
}

std::optional<core::WallTime> parse_date_value(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool all_digits = true;
  for (std::size_t i = text[0] == '-' ? 1 : 0; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      all_digits = false;
      break;
    }
  }
  if (all_digits && text.size() > (text[0] == '-' ? 1u : 0u) && text.size() <= 19) {
    // A 4-digit number is a year in strict_date_optional_time, which wins over epoch_millis.
    if (text.size() == 4) return core::parse_iso8601(std::string(text) + "-01-01");
    long long millis = 0;
    std::from_chars(text.data(), text.data() + text.size(), millis);
    return core::WallTime{duration_cast<core::WallTime::duration>(milliseconds{millis})};
  }
  return core::parse_iso8601(text);
}

namespace {

bool apply_unit(core::WallTime& t, long long amount, char unit) {
  const sys_days day = floor<days>(t);
  const auto time_of_day = t - day;
  switch (unit) {
    case 'y': {
      year_month_day ymd{day};
      ymd = ymd + years{amount};
      if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
      t = sys_days{ymd} + time_of_day;
      return true;
    }
    case 'M': {
      year_month_day ymd{day};
      ymd = ymd + months{amount};
      if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
      t = sys_days{ymd} + time_of_day;
      return true;
    }
    case 'w': t += duration_cast<core::WallTime::duration>(weeks{amount}); return true;
    case 'd': t += duration_cast<core::WallTime::duration>(days{amount}); return true;
    case 'h':
    case 'H': t += duration_cast<core::WallTime::duration>(hours{amount}); return true;
    case 'm': t += duration_cast<core::WallTime::duration>(minutes{amount}); return true;
    case 's': t += duration_cast<core::WallTime::duration>(seconds{amount}); return true;
    default: return false;
  }
}

bool round_down(core::WallTime& t, char unit) {
  const sys_days day = floor<days>(t);
  switch (unit) {
    case 'y': {
      const year_month_day ymd{day};
      t = sys_days{ymd.year() / January / 1};
      return true;
    }
    case 'M': {
      const year_month_day ymd{day};
      t = sys_days{ymd.year() / ymd.month() / 1};
      return true;
    }
    case 'w': {
      const weekday wd{day};
      const auto since_monday = (wd.c_encoding() + 6) % 7;
      t = day - days{since_monday};
      return true;
    }
    case 'd': t = day; return true;
    case 'h':
    case 'H': t = floor<hours>(t); return true;
    case 'm': t = floor<minutes>(t); return true;
    case 's': t = floor<seconds>(t); return true;
    default: return false;
  }
}

}  // namespace

std::optional<core::WallTime> resolve_date_math(std::string_view expression, core::WallTime now) {
  core::WallTime t;
  std::string_view math;
  if (expression.substr(0, 3) == "now") {
    t = now;
    math = expression.substr(3);
  } else {
    const auto bars = expression.find("||");
    if (bars == std::string_view::npos) return std::nullopt;
    const auto anchor = parse_date_value(expression.substr(0, bars));
    if (!anchor) return std::nullopt;
    t = *anchor;
    math = expression.substr(bars + 2);
  }
  std::size_t i = 0;
  while (i < math.size()) {
    const char op = math[i++];
    if (op == '/') {
      if (i >= math.size() || !round_down(t, math[i])) return std::nullopt;
      ++i;
      continue;
    }
    if (op != '+' && op != '-') return std::nullopt;
    long long amount = 1;
    const std::size_t start = i;
    while (i < math.size() && math[i] >= '0' && math[i] <= '9') ++i;
    if (i > start) std::from_chars(math.data() + start, math.data() + i, amount);
    if (i >= math.size()) return std::nullopt;
    if (!apply_unit(t, op == '-' ? -amount : amount, math[i])) return std::nullopt;
    ++i;
  }
  return t;
}

core::WallTime InstantSource::next() {
  const auto now = floor<microseconds>(clock_.now());
  std::lock_guard lock(mutex_);
  core::WallTime candidate = time_point_cast<core::WallTime::duration>(now);
  if (candidate <= last_)
    candidate = last_ + duration_cast<core::WallTime::duration>(microseconds{1});
  last_ = candidate;
  return candidate;
}

}  // namespace connectors::emulator
