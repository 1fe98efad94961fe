#include "core/time_format.hpp"

#include <cstdio>

namespace connectors::core {
using namespace std::chrono;

CivilTime civil_time(WallTime t) {
  const auto ns = duration_cast<nanoseconds>(t.time_since_epoch());
  auto day_start = floor<days>(sys_time<nanoseconds>(ns));
  const year_month_day ymd{day_start};
  auto rest = sys_time<nanoseconds>(ns) - day_start;
  const auto h = duration_cast<hours>(rest);
  rest -= h;
  const auto m = duration_cast<minutes>(rest);
  rest -= m;
  const auto s = duration_cast<seconds>(rest);
  rest -= s;
  return CivilTime{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day()), h.count(), m.count(), s.count(),
                   rest.count()};
}

namespace {

std::string format_base(const CivilTime& p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld", p.year, p.month, p.day,
                p.hour, p.minute, p.second);
  return buf;
}

bool read_digits(std::string_view s, std::size_t& pos, std::size_t count, long long& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

std::string format_python_utc(WallTime t) {
  const CivilTime p = civil_time(t);
  std::string out = format_base(p);
  const long long micros = p.nanos / 1000;
  if (micros != 0) {
    char buf[24];
    std::snprintf(buf, sizeof buf, ".%06lld", micros);
    out += buf;
  }
  out += "+00:00";
  return out;
}

std::string format_java_instant(WallTime t) {
  const CivilTime p = civil_time(t);
  std::string out = format_base(p);
  char buf[24];
  if (p.nanos == 0) {
  } else if (p.nanos % 1'000'000 == 0) {
    std::snprintf(buf, sizeof buf, ".%03lld", p.nanos / 1'000'000);
    out += buf;
  } else if (p.nanos % 1000 == 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", p.nanos / 1000);
    out += buf;
  } else {
    std::snprintf(buf, sizeof buf, ".%09lld", p.nanos);
    out += buf;
  }
  out += 'Z';
  return out;
}

std::optional<WallTime> parse_iso8601(std::string_view s) {
  std::size_t pos = 0;
  long long y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, nanos = 0;
  if (!read_digits(s, pos, 4, y) || !expect(s, pos, '-') || !read_digits(s, pos, 2, mo) ||
      !expect(s, pos, '-') || !read_digits(s, pos, 2, d)) {
    return std::nullopt;
  }
  const year_month_day ymd{year{static_cast<int>(y)}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;

  long long offset_seconds = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    ++pos;
    if (!read_digits(s, pos, 2, h) || !expect(s, pos, ':') || !read_digits(s, pos, 2, mi)) {
      return std::nullopt;
    }
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!read_digits(s, pos, 2, sec)) return std::nullopt;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          if (digits < 9) {
            nanos = nanos * 10 + (s[pos] - '0');
            ++digits;
          }
          ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (int i = digits; i < 9; ++i) nanos *= 10;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        long long oh = 0, om = 0;
        if (!read_digits(s, pos, 2, oh)) return std::nullopt;
        if (pos < s.size() && s[pos] == ':') ++pos;
        if (pos < s.size() && !read_digits(s, pos, 2, om)) return std::nullopt;
        offset_seconds = sign * (oh * 3600 + om * 60);
      } else {
        return std::nullopt;
      }
    }
  }
  if (pos != s.size()) return std::nullopt;

  const auto since_epoch = sys_days{ymd}.time_since_epoch() + hours{h} + minutes{mi} +
                           seconds{sec} - seconds{offset_seconds} + nanoseconds{nanos};
  return WallTime{duration_cast<system_clock::duration>(since_epoch)};
}

}  // namespace connectors::core
