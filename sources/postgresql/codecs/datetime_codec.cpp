#include "sources/postgresql/codecs/datetime_codec.hpp"

#include <cstdint>
#include <limits>

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// 2000-01-01, PostgreSQL's epoch, counted in days from 1970-01-01.
constexpr std::int64_t kPgEpochDays = 10'957;

// Fixed-width zero-padded digits; snprintf is the hot spot of timestamp-heavy tables.
void append_digits(std::string& out, std::uint64_t value, int width) {
  char buf[20];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0 && n < 20);
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += buf[--n];
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days), in 64
// bits because PostgreSQL dates reach year 5874897.
// Returns whether the year is within Python's 1..9999.
bool append_civil_date(std::string& out, std::int64_t days_since_unix_epoch) {
  std::int64_t z = days_since_unix_epoch + 719'468;
  const std::int64_t era = floor_div(z, 146'097);
  const auto doe = static_cast<std::uint64_t>(z - era * 146'097);
  const std::uint64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400;
  const std::uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::uint64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  if (month <= 2) ++year;
  if (year < 0) out += '-';
  append_digits(out, static_cast<std::uint64_t>(year < 0 ? -year : year), 4);
  out += '-';
  append_digits(out, month, 2);
  out += '-';
  append_digits(out, day, 2);
  return year >= 1 && year <= 9999;
}

// HH:MM:SS[.ffffff] from microseconds within a day (24:00:00 is a valid PostgreSQL time).
void append_clock(std::string& out, std::int64_t micros) {
  const auto seconds = static_cast<std::uint64_t>(micros / kMicrosPerSecond);
  const auto fraction = static_cast<std::uint64_t>(micros % kMicrosPerSecond);
  append_digits(out, seconds / 3600, 2);
  out += ':';
  append_digits(out, seconds / 60 % 60, 2);
  out += ':';
  append_digits(out, seconds % 60, 2);
  if (fraction != 0) {
    out += '.';
    append_digits(out, fraction, 6);
  }
}

// Python's utcoffset formatting: +HH:MM, with :SS only when there are seconds.
void append_offset(std::string& out, std::int64_t offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const std::int64_t magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  out += sign;
  append_digits(out, static_cast<std::uint64_t>(magnitude / 3600), 2);
  out += ':';
  append_digits(out, static_cast<std::uint64_t>(magnitude / 60 % 60), 2);
  if (magnitude % 60 != 0) {
    out += ':';
    append_digits(out, static_cast<std::uint64_t>(magnitude % 60), 2);
  }
}

enum class Stamp { kFinite, kInfinite, kOutOfRange };

// Writes the value, or asyncpg's stand-in for the infinities.
Stamp append_timestamp_value(std::string& out, std::int64_t micros, DateTimeSeparator separator) {
  const char sep = static_cast<char>(separator);
  if (micros == std::numeric_limits<std::int64_t>::max()) {
    out += "9999-12-31";
    out += sep;
    out += "23:59:59.999999";
    return Stamp::kInfinite;
  }
  if (micros == std::numeric_limits<std::int64_t>::min()) {
    out += "0001-01-01";
    out += sep;
    out += "00:00:00";
    return Stamp::kInfinite;
  }
  const std::int64_t days = floor_div(micros, kMicrosPerDay);
  const bool in_range = append_civil_date(out, days + kPgEpochDays);
  out += sep;
  append_clock(out, micros - days * kMicrosPerDay);
  return in_range ? Stamp::kFinite : Stamp::kOutOfRange;
}

}  // namespace

bool append_date(std::string& out, std::string_view bytes) {
  expect_size(bytes, 4, "date");
  const std::int32_t days = read_i32(bytes.data());
  if (days == std::numeric_limits<std::int32_t>::max()) {
    out += "9999-12-31";
    return true;
  }
  if (days == std::numeric_limits<std::int32_t>::min()) {
    out += "0001-01-01";
    return true;
  }
  return append_civil_date(out, days + kPgEpochDays);
}

void append_time(std::string& out, std::string_view bytes) {
  expect_size(bytes, 8, "time");
  const std::int64_t micros = read_i64(bytes.data());
  if (micros < 0 || micros > kMicrosPerDay) {
    throw malformed_data("malformed binary time value: out of range");
  }
  append_clock(out, micros);
}

void append_timetz(std::string& out, std::string_view bytes) {
  expect_size(bytes, 12, "timetz");
  const std::int64_t micros = read_i64(bytes.data());
  const std::int32_t zone_west = read_i32(bytes.data() + 8);
  if (micros < 0 || micros > kMicrosPerDay) {
    throw malformed_data("malformed binary timetz value: out of range");
  }
  append_clock(out, micros);
  // asyncpg: timezone(timedelta(minutes=-(zone / 60))), whole minutes.
  append_offset(out, -static_cast<std::int64_t>(zone_west / 60) * 60);
}

bool append_timestamp(std::string& out, std::string_view bytes, DateTimeSeparator separator) {
  expect_size(bytes, 8, "timestamp");
  return append_timestamp_value(out, read_i64(bytes.data()), separator) != Stamp::kOutOfRange;
}

bool append_timestamptz(std::string& out, std::string_view bytes, DateTimeSeparator separator) {
  expect_size(bytes, 8, "timestamptz");
  const Stamp stamp = append_timestamp_value(out, read_i64(bytes.data()), separator);
  if (stamp != Stamp::kInfinite) out += "+00:00";
  return stamp != Stamp::kOutOfRange;
}

}  // namespace connectors::sources::postgresql::codecs
