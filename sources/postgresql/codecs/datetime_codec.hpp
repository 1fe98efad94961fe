#pragma once
// date, time, timetz, timestamp, timestamptz, written the way Python's isoformat() (JSON) and
// str() (`_id`s) write the values asyncpg returns.
//
//   date         int32 days since 2000-01-01      2024-01-31
//   time         int64 microseconds since 00:00   10:00:00, 10:00:00.000500
//   timetz       time + int32 zone, seconds WEST of UTC        10:00:00+02:00
//   timestamp    int64 microseconds since 2000-01-01 00:00     2024-01-31T10:00:00
//   timestamptz  the same, in UTC                              2024-01-31T10:00:00+00:00
//
// The fraction appears only when non-zero, always with 6 digits. str() puts a space where
// isoformat() puts the 'T'. Infinities become asyncpg's stand-ins: date 9999-12-31 /
// 0001-01-01, timestamp(tz) 9999-12-31T23:59:59.999999 / 0001-01-01T00:00:00 (no offset,
// as asyncpg returns naive datetime.max/min). Years outside 1..9999, which Python cannot
// represent (asyncpg fails on them, and so does Elastic's sync), are written with as many
// digits as they need and a '-' before years BC (astronomical numbering: 1 BC is 0000); the
// functions return false for them so that the caller can report it.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

enum class DateTimeSeparator : char { kIso = 'T', kPythonStr = ' ' };

// Return false when the value is outside what Python's datetime can hold.
bool append_date(std::string& out, std::string_view bytes);
void append_time(std::string& out, std::string_view bytes);
void append_timetz(std::string& out, std::string_view bytes);
bool append_timestamp(std::string& out, std::string_view bytes, DateTimeSeparator separator);
bool append_timestamptz(std::string& out, std::string_view bytes, DateTimeSeparator separator);

}  // namespace connectors::sources::postgresql::codecs
