#pragma once
// ISO-8601 instants in the two spellings this project meets:
//
//   Python's datetime.isoformat() on an aware UTC datetime, which Elastic's service writes
//   (`_timestamp`, `last_synced`, `completed_at`...):   2026-05-19T10:11:12.345678+00:00
//   Java's Instant.toString(), which Elasticsearch writes (`last_seen`, `created_at`...):
//                                                        2026-05-19T10:11:12.345678Z
//
// Both drop the fraction when it is zero. Parsing accepts either, plus offsets and a
// space instead of the 'T'.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace connectors::core {

// Microsecond precision, "+00:00" suffix, fraction omitted when zero.
std::string format_python_utc(WallTime t);
// Fraction in groups of three digits (milli, micro or nano) as needed, "Z" suffix.
std::string format_java_instant(WallTime t);

// A UTC time point split into its calendar date and time of day.
struct CivilTime {
  int year;
  unsigned month, day;
  long long hour, minute, second;
  long long nanos;  // within the second
};
CivilTime civil_time(WallTime t);

// Parses "YYYY-MM-DD[(T| )HH:MM[:SS[.f{1,9}]]][Z|±HH[:]MM]". No offset means UTC.
std::optional<WallTime> parse_iso8601(std::string_view text);

}  // namespace connectors::core
