#include "ftest/es_emulator/cron.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <vector>

namespace connectors::emulator {
namespace {

enum Field { kSecond, kMinute, kHour, kDayOfMonth, kMonth, kDayOfWeek, kYear };

struct Range {
  int min;
  int max;
  const char* message;
};

constexpr std::array<Range, 7> kRanges = {{
    {0, 59, "Minute and Second values must be between 0 and 59"},
    {0, 59, "Minute and Second values must be between 0 and 59"},
    {0, 23, "Hour values must be between 0 and 23"},
    {1, 31, "Day of month values must be between 1 and 31"},
    {1, 12, "Month values must be between 1 and 12"},
    {1, 7, "Day-of-Week values must be between 1 and 7"},
    {1970, 2199, "Year values must be between 1970 and 2199"},
}};

constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDays = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// A single value: a number or a month/day name. nullopt when neither.
std::optional<int> value_of(std::string_view token, Field field) {
  if (token.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(token[0]))) {
    int n = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), n);
    if (ec != std::errc{} || ptr != token.data() + token.size()) return std::nullopt;
    return n;
  }
  const std::string name = upper(token);
  if (field == kMonth) {
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
      if (kMonths[i] == name) return static_cast<int>(i) + 1;
    }
  }
  if (field == kDayOfWeek) {
    for (std::size_t i = 0; i < kDays.size(); ++i) {
      if (kDays[i] == name) return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_value(std::string_view token, Field field) {
  const auto v = value_of(token, field);
  if (!v) return "Illegal characters for this position: '" + std::string(token) + "'";
  if (*v < kRanges[field].min || *v > kRanges[field].max)
    return std::string(kRanges[field].message);
  return std::nullopt;
}

std::optional<std::string> check_item(std::string_view item, Field field) {
  // Special day-of-month forms: L, L-3, LW, 15W.
  if (field == kDayOfMonth) {
    if (item == "L" || item == "LW") return std::nullopt;
    if (item.size() > 2 && item.substr(0, 2) == "L-") {
      const auto offset = value_of(item.substr(2), field);
      if (!offset || *offset > 30) return std::string("Offset from last day must be <= 30");
      return std::nullopt;
    }
    if (item.size() > 1 && item.back() == 'W')
      return check_value(item.substr(0, item.size() - 1), field);
  }
  // Special day-of-week forms: L, 6L, 6#3.
  if (field == kDayOfWeek) {
    if (item == "L") return std::nullopt;
    if (item.size() > 1 && item.back() == 'L')
      return check_value(item.substr(0, item.size() - 1), field);
    if (const auto hash = item.find('#'); hash != std::string_view::npos) {
      if (auto p = check_value(item.substr(0, hash), field)) return p;
      const auto nth = value_of(item.substr(hash + 1), kSecond);
      if (!nth || *nth < 1 || *nth > 5)
        return std::string("A numeric value between 1 and 5 must follow the '#' option");
      return std::nullopt;
    }
  }
  std::string_view base = item;
  if (const auto slash = item.find('/'); slash != std::string_view::npos) {
    base = item.substr(0, slash);
    const auto increment = value_of(item.substr(slash + 1), kSecond);
    if (!increment || *increment <= 0) return std::string("'/' must be followed by an integer.");
    const int limit = kRanges[field].max - kRanges[field].min + 1;
    if (*increment > limit) {
      return "Increment > " + std::to_string(limit) + " : " + std::to_string(*increment);
    }
    if (base.empty()) return std::string("'/' must be preceded by a value, '*' or '?'");
  }
  if (base == "*") return std::nullopt;
  if (base == "?") {
    if (field != kDayOfMonth && field != kDayOfWeek) {
      return std::string("'?' can only be specified for Day-of-Month or Day-of-Week.");
    }
    return std::nullopt;
  }
  if (const auto dash = base.find('-'); dash != std::string_view::npos && dash > 0) {
    if (auto p = check_value(base.substr(0, dash), field)) return p;
    return check_value(base.substr(dash + 1), field);
  }
  return check_value(base, field);
}

}  // namespace

std::optional<std::string> cron_problem(std::string_view expression) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < expression.size()) {
    while (i < expression.size() && std::isspace(static_cast<unsigned char>(expression[i]))) ++i;
    const std::size_t start = i;
    while (i < expression.size() && !std::isspace(static_cast<unsigned char>(expression[i]))) ++i;
    if (i > start) fields.push_back(expression.substr(start, i - start));
  }
  if (fields.size() < 6) return std::string("Unexpected end of expression.");
  if (fields.size() > 7) return std::string("Unexpected characters after the year field.");
  for (std::size_t f = 0; f < fields.size(); ++f) {
    std::string_view rest = fields[f];
    while (true) {
      const auto comma = rest.find(',');
      const std::string_view item = rest.substr(0, comma);
      if (item.empty()) return std::string("Unexpected end of expression.");
      if (auto problem = check_item(item, static_cast<Field>(f))) return problem;
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  const bool dom_question = fields[kDayOfMonth] == "?";
  const bool dow_question = fields[kDayOfWeek] == "?";
  if (dom_question && dow_question) {
    return std::string("'?' can only be specified for Day-of-Month -OR- Day-of-Week.");
  }
  if (!dom_question && !dow_question) {
    return std::string(
        "Support for specifying both a day-of-week AND a day-of-month parameter is not "
        "implemented.");
  }
  return std::nullopt;
}

}  // namespace connectors::emulator
