#pragma once
// The YAML tests' assertions, with Elasticsearch's runner semantics. Each takes the actual
// value (nullopt: absent or null) and the expected value (stash already substituted) and
// returns nullopt when it holds, else the failure text with expected and actual values.
//
//   match      deep equality; numbers by value (1 == 1.0); expected null also accepts an
//              absent value; an expected "/regex/" (comments mode) must be found in a
//              string
//   is_true    present and not false, "", "false" or "0" (as Java prints the value)
//   is_false   the opposite; absent passes
//   exists / not_exists, length (array, object, string), gt/gte/lt/lte (numbers by value,
//   strings by text), contains (array member or substring), close_to, is_after (ISO-8601
//   instants, actual strictly later)

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json.hpp>

namespace connectors::yaml_runner {

enum class AssertKind {
  Match,
  IsTrue,
  IsFalse,
  Exists,
  NotExists,
  Length,
  Gt,
  Gte,
  Lt,
  Lte,
  Contains,
  CloseTo,
  IsAfter
};

std::optional<AssertKind> parse_assert_kind(std::string_view name);
std::string_view assert_kind_name(AssertKind kind);

using Actual = std::optional<boost::json::value>;

std::optional<std::string> check_assertion(AssertKind kind, const Actual& actual,
                                           const boost::json::value& expected);

// Deep equality with numbers compared by value.
bool json_equal(const boost::json::value& a, const boost::json::value& b);

// A Java regex written in comments mode (whitespace and #-comments ignored), as an
// ECMAScript pattern std::regex accepts.
std::string strip_regex_comments(std::string_view pattern);
// Whether `regex` (comments mode when `comments`) is found somewhere in `text`.
bool regex_find(std::string_view regex, std::string_view text, bool comments);

// Seconds since the epoch and nanoseconds of an ISO-8601 instant
// ("2024-01-02T03:04:05.123456789Z", an offset instead of Z allowed); nullopt when the text
// is not one.
std::optional<std::pair<long long, long>> parse_instant(std::string_view text);

}  // namespace connectors::yaml_runner
