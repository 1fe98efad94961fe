#pragma once
// Instants as Elasticsearch writes and reads them.
//
// Elasticsearch serialises a java.time.Instant through its strict_date_optional_time_nanos
// printer: UTC, 'Z', and a fraction of at least three digits with trailing zeros dropped
// beyond that (2023-06-25T12:30:00.000Z, 2023-12-04T08:45:50.567149Z). That differs from
// Instant.toString() (which drops a zero fraction), and YAML tests compare these strings.

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace connectors::emulator {

std::string format_es_instant(core::WallTime t);

// An ISO-8601 instant with a time and a zone ('Z' or an offset), as Instant.parse and the
// connector API accept it; nullopt otherwise.
std::optional<core::WallTime> parse_strict_instant(std::string_view text);

// A date as a date field accepts it (strict_date_optional_time||epoch_millis).
std::optional<core::WallTime> parse_date_value(std::string_view text);

// Date math: "now", "now-5m", "now+1d/d", "2024-01-01||+1M". nullopt if not date math or
// not a date.
std::optional<core::WallTime> resolve_date_math(std::string_view expression, core::WallTime now);

// Server-side "now" for documents: microsecond precision (what Instant.now() gives on
// Linux) and strictly increasing across calls, because list order and `is_after` checks
// depend on successive timestamps differing. Thread-safe.
class InstantSource {
 public:
  explicit InstantSource(const core::Clock& clock) : clock_(clock) {}
  core::WallTime next();

 private:
  const core::Clock& clock_;
  std::mutex mutex_;
  core::WallTime last_{};
};

}  // namespace connectors::emulator
