#include "ftest/yaml_runner/assertions.hpp"

#include <cctype>
#include <chrono>
#include <cmath>
#include <regex>
#include <utility>

#include "ftest/yaml_runner/stash.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

bool is_number(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }

double number_of(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  return v.get_double();
}

std::string shown(const Actual& actual) {
  return actual ? json::serialize(*actual) : std::string("null (absent)");
}

std::string expected_but(const json::value& expected, const Actual& actual) {
  return "expected " + json::serialize(expected) + " but was " + shown(actual);
}

// The regex of an expected "/.../" string, or nullopt.
std::optional<std::string> regex_of(const json::value& expected) {
  if (!expected.is_string()) return std::nullopt;
  std::string_view text = expected.get_string();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.size() > 2 && text.front() == '/' && text.back() == '/') {
    return std::string(text.substr(1, text.size() - 2));
  }
  return std::nullopt;
}

std::optional<std::string> check_match(const Actual& actual, const json::value& expected) {
  if (const auto regex = regex_of(expected)) {
    if (!actual || !actual->is_string()) {
      return "expected a string matching /" + *regex + "/ but was " + shown(actual);
    }
    if (!regex_find(*regex, actual->get_string(), true)) {
      return "expected to match /" + *regex + "/ but was " + shown(actual);
    }
    return std::nullopt;
  }
  if (expected.is_null()) {
    if (actual) return "expected null but was " + shown(actual);
    return std::nullopt;
  }
  if (!actual) return expected_but(expected, actual);
  if (!json_equal(*actual, expected)) return expected_but(expected, actual);
  return std::nullopt;
}

// Java's toString() of the value is "", "false" or "0".
bool falsy_text(const json::value& v) {
  const std::string text = java_text(v);
  return text.empty() || text == "false" || text == "0";
}

std::optional<std::string> check_length(const Actual& actual, const json::value& expected) {
  if (!is_number(expected)) return "length needs a number, got " + json::serialize(expected);
  const auto want = static_cast<std::size_t>(number_of(expected));
  std::size_t size = 0;
  if (actual && actual->is_array()) {
    size = actual->get_array().size();
  } else if (actual && actual->is_object()) {
    size = actual->get_object().size();
  } else if (actual && actual->is_string()) {
    size = actual->get_string().size();
  } else {
    return "expected something with length " + std::to_string(want) + " but was " + shown(actual);
  }
  if (size != want) {
    return "expected length " + std::to_string(want) + " but was " + std::to_string(size) + " (" +
           shown(actual) + ")";
  }
  return std::nullopt;
}

std::optional<std::string> check_order(AssertKind kind, const Actual& actual,
                                       const json::value& expected) {
  if (!actual)
    return "expected a value to compare with " + json::serialize(expected) + " but was null";
  int cmp = 0;
  if (is_number(*actual) && is_number(expected)) {
    const double a = number_of(*actual);
    const double b = number_of(expected);
    cmp = a < b ? -1 : (a > b ? 1 : 0);
  } else if (actual->is_string() && expected.is_string()) {
    const int c = std::string_view(actual->get_string()).compare(expected.get_string());
    cmp = c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else {
    return "cannot compare " + shown(actual) + " with " + json::serialize(expected);
  }
  bool holds = false;
  switch (kind) {
    case AssertKind::Gt:
      holds = cmp > 0;
      break;
    case AssertKind::Gte:
      holds = cmp >= 0;
      break;
    case AssertKind::Lt:
      holds = cmp < 0;
      break;
    default:
      holds = cmp <= 0;
      break;
  }
  if (holds) return std::nullopt;
  return "expected a value " + std::string(assert_kind_name(kind)) + " " +
         json::serialize(expected) + " but was " + shown(actual);
}

// Every key of `subset` is in `object` with an equal value.
bool object_contains(const json::object& object, const json::object& subset) {
  for (const auto& [key, value] : subset) {
    const auto* found = object.if_contains(key);
    if (!found || !json_equal(*found, value)) return false;
  }
  return true;
}

std::optional<std::string> check_contains(const Actual& actual, const json::value& expected) {
  if (actual && actual->is_array()) {
    for (const auto& item : actual->get_array()) {
      if (json_equal(item, expected)) return std::nullopt;
      if (item.is_object() && expected.is_object() &&
          object_contains(item.get_object(), expected.get_object())) {
        return std::nullopt;
      }
    }
    return "expected a list containing " + json::serialize(expected) + " but was " + shown(actual);
  }
  if (actual && actual->is_string() && expected.is_string()) {
    if (std::string_view(actual->get_string()).find(expected.get_string()) !=
        std::string_view::npos) {
      return std::nullopt;
    }
    return "expected a string containing " + json::serialize(expected) + " but was " +
           shown(actual);
  }
  return "expected a list or string containing " + json::serialize(expected) + " but was " +
         shown(actual);
}

std::optional<std::string> check_close_to(const Actual& actual, const json::value& expected) {
  const auto* spec = expected.if_object();
  const auto* value = spec ? spec->if_contains("value") : nullptr;
  const auto* error = spec ? spec->if_contains("error") : nullptr;
  if (!value || !error || !is_number(*value) || !is_number(*error)) {
    return "close_to needs {value: number, error: number}, got " + json::serialize(expected);
  }
  if (!actual || !is_number(*actual)) return "expected a number but was " + shown(actual);
  if (std::fabs(number_of(*actual) - number_of(*value)) <= number_of(*error)) return std::nullopt;
  return "expected " + json::serialize(*value) + " +/- " + json::serialize(*error) + " but was " +
         shown(actual);
}

std::optional<std::string> check_is_after(const Actual& actual, const json::value& expected) {
  if (!actual || !actual->is_string()) return "expected an instant but was " + shown(actual);
  if (!expected.is_string()) return "is_after needs an instant, got " + json::serialize(expected);
  const auto a = parse_instant(actual->get_string());
  const auto b = parse_instant(expected.get_string());
  if (!a) return "not an ISO-8601 instant: " + shown(actual);
  if (!b) return "not an ISO-8601 instant: " + json::serialize(expected);
  if (*a > *b) return std::nullopt;
  return "expected an instant after " + json::serialize(expected) + " but was " + shown(actual);
}

int digits(std::string_view text, std::size_t at, std::size_t count, bool& ok) {
  int value = 0;
  if (at + count > text.size()) {
    ok = false;
    return 0;
  }
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') ok = false;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

namespace {

// Each assertion's name in the YAML tests.
constexpr std::pair<std::string_view, AssertKind> kAssertKinds[] = {
    {"match", AssertKind::Match},
    {"is_true", AssertKind::IsTrue},
    {"is_false", AssertKind::IsFalse},
    {"exists", AssertKind::Exists},
    {"not_exists", AssertKind::NotExists},
    {"length", AssertKind::Length},
    {"gt", AssertKind::Gt},
    {"gte", AssertKind::Gte},
    {"lt", AssertKind::Lt},
    {"lte", AssertKind::Lte},
    {"contains", AssertKind::Contains},
    {"close_to", AssertKind::CloseTo},
    {"is_after", AssertKind::IsAfter}};

}  // namespace

std::optional<AssertKind> parse_assert_kind(std::string_view name) {
  for (const auto& [text, kind] : kAssertKinds) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

std::string_view assert_kind_name(AssertKind kind) {
  for (const auto& [text, known] : kAssertKinds) {
    if (known == kind) return text;
  }
  return "?";
}

bool json_equal(const json::value& a, const json::value& b) {
  if (is_number(a) && is_number(b)) {
    if (a.is_double() || b.is_double()) return number_of(a) == number_of(b);
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    const auto& signed_value = a.is_int64() ? a : b;
    const auto& unsigned_value = a.is_int64() ? b : a;
    return signed_value.get_int64() >= 0 &&
           static_cast<std::uint64_t>(signed_value.get_int64()) == unsigned_value.get_uint64();
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto& x = a.get_array();
    const auto& y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!json_equal(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& [key, value] : x) {
      const auto* other = y.if_contains(key);
      if (!other || !json_equal(value, *other)) return false;
    }
    return true;
  }
  return a == b;
}

std::string strip_regex_comments(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[i + 1];
      // "\ " and "\#" are literal in comments mode; ECMAScript wants them unescaped.
      if (next == ' ' || next == '#') {
        out += next;
      } else {
        out += c;
        out += next;
      }
      ++i;
    } else if (c == '#') {
      while (i < pattern.size() && pattern[i] != '\n') ++i;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      continue;
    } else {
      out += c;
    }
  }
  return out;
}

bool regex_find(std::string_view regex, std::string_view text, bool comments) {
  const std::string pattern = comments ? strip_regex_comments(regex) : std::string(regex);
  const std::regex compiled(pattern);
  return std::regex_search(text.begin(), text.end(), compiled);
}

std::optional<std::pair<long long, long>> parse_instant(std::string_view text) {
  // yyyy-MM-ddTHH:mm[:ss[.fraction]](Z|+HH:MM|-HH:MM)
  bool ok = true;
  const int year = digits(text, 0, 4, ok);
  if (!ok || text.size() < 16 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':') {
    return std::nullopt;
  }
  const int month = digits(text, 5, 2, ok);
  const int day = digits(text, 8, 2, ok);
  const int hour = digits(text, 11, 2, ok);
  const int minute = digits(text, 14, 2, ok);
  std::size_t pos = 16;
  int second = 0;
  long nanos = 0;
  if (pos < text.size() && text[pos] == ':') {
    second = digits(text, pos + 1, 2, ok);
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      int count = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (count < 9) {
          nanos = nanos * 10 + (text[pos] - '0');
          ++count;
        }
        ++pos;
      }
      if (count == 0) return std::nullopt;
      for (; count < 9; ++count) nanos *= 10;
    }
  }
  long long offset_seconds = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    const int oh = digits(text, pos + 1, 2, ok);
    if (pos + 3 >= text.size() || text[pos + 3] != ':') return std::nullopt;
    const int om = digits(text, pos + 4, 2, ok);
    offset_seconds = sign * (oh * 3600LL + om * 60LL);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (!ok || pos != text.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year},
                            std::chrono::month{static_cast<unsigned>(month)},
                            std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  const long long days = sys_days{date}.time_since_epoch().count();
  const long long seconds = days * 86400 + hour * 3600LL + minute * 60LL + second - offset_seconds;
  return std::make_pair(seconds, nanos);
}

std::optional<std::string> check_assertion(AssertKind kind, const Actual& actual,
                                           const json::value& expected) {
  switch (kind) {
    case AssertKind::Match:
      return check_match(actual, expected);
    case AssertKind::IsTrue:
      if (!actual) return std::string("expected a true value but was null (absent)");
      if (actual->is_bool() ? !actual->get_bool() : falsy_text(*actual)) {
        return "expected a true value but was " + shown(actual);
      }
      return std::nullopt;
    case AssertKind::IsFalse:
      if (!actual) return std::nullopt;
      if (actual->is_bool() ? !actual->get_bool() : falsy_text(*actual)) return std::nullopt;
      return "expected a false value but was " + shown(actual);
    case AssertKind::Exists:
      if (actual) return std::nullopt;
      return std::string("expected a value but there was none");
    case AssertKind::NotExists:
      if (!actual) return std::nullopt;
      return "expected no value but was " + shown(actual);
    case AssertKind::Length:
      return check_length(actual, expected);
    case AssertKind::Gt:
    case AssertKind::Gte:
    case AssertKind::Lt:
    case AssertKind::Lte:
      return check_order(kind, actual, expected);
    case AssertKind::Contains:
      return check_contains(actual, expected);
    case AssertKind::CloseTo:
      return check_close_to(actual, expected);
    case AssertKind::IsAfter:
      return check_is_after(actual, expected);
  }
  return std::nullopt;
}

}  // namespace connectors::yaml_runner
