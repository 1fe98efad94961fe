#include "ftest/es_emulator/field_values.hpp"

#include <charconv>
#include <cmath>
#include <exception>
#include <string>

#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {
namespace {

void add_flattened(const boost::json::value& value, ValueList& out) {
  if (value.is_array()) {
    for (const auto& element : value.get_array()) add_flattened(element, out);
  } else {
    out.push_back(&value);
  }
}

void collect(const boost::json::value& node, std::string_view path, ValueList& out) {
  if (node.is_array()) {
    for (const auto& element : node.get_array()) collect(element, path, out);
    return;
  }
  if (!node.is_object()) return;
  const auto& object = node.get_object();
  if (const auto* whole = object.if_contains(path)) add_flattened(*whole, out);
  for (std::size_t dot = path.find('.'); dot != std::string_view::npos;
       dot = path.find('.', dot + 1)) {
    if (const auto* head = object.if_contains(path.substr(0, dot))) {
      collect(*head, path.substr(dot + 1), out);
    }
  }
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

void collect_values(const boost::json::value& document, std::string_view path, ValueList& out) {
  collect(document, path, out);
}

ValueList field_values(const boost::json::value& document, std::string_view path) {
  ValueList values;
  collect(document, path, values);
  constexpr std::string_view kKeyword = ".keyword";
  if (values.empty() && path.size() > kKeyword.size() &&
      path.substr(path.size() - kKeyword.size()) == kKeyword) {
    ValueList base;
    collect(document, path.substr(0, path.size() - kKeyword.size()), base);
    for (const auto* value : base) {
      if (value->is_string() && value->get_string().size() <= 256) values.push_back(value);
    }
  }
  return values;
}

std::optional<double> numeric_value(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::int64: return static_cast<double>(value.get_int64());
    case boost::json::kind::uint64: return static_cast<double>(value.get_uint64());
    case boost::json::kind::double_: return value.get_double();
    case boost::json::kind::string: return parse_number(value.get_string());
    default: return std::nullopt;
  }
}

std::optional<std::int64_t> long_value(const boost::json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) return static_cast<std::int64_t>(value.get_uint64());
  if (value.is_string()) {
    try {
      std::size_t used = 0;
      const long long n = std::stoll(std::string(value.get_string()), &used);
      if (used == value.get_string().size()) return n;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::string scalar_text(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  return to_json(value);
}

bool term_equals(const boost::json::value& doc_value, const boost::json::value& query_value,
                 bool case_insensitive) {
  if (doc_value.is_number()) {
    const auto q = numeric_value(query_value);
    return q && *numeric_value(doc_value) == *q;
  }
  if (doc_value.is_bool()) {
    if (query_value.is_bool()) return doc_value.get_bool() == query_value.get_bool();
    if (query_value.is_string()) {
      return query_value.get_string() == (doc_value.get_bool() ? "true" : "false");
    }
    return false;
  }
  if (doc_value.is_string()) {
    if (query_value.is_null() || query_value.is_object() || query_value.is_array()) return false;
    const std::string q = scalar_text(query_value);
    const std::string_view d = doc_value.get_string();
    return case_insensitive ? ascii_iequals(d, q) : d == q;
  }
  return false;
}

std::optional<int> compare_values(const boost::json::value& a, const boost::json::value& b) {
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  if (a.is_bool() && b.is_bool()) return sign(a.get_bool(), b.get_bool());
  if (a.is_number() || b.is_number()) {
    const auto x = numeric_value(a);
    const auto y = numeric_value(b);
    if (x && y) return sign(*x, *y);
    // A date string against epoch millis.
    if (a.is_string() || b.is_string()) {
      const auto& text = a.is_string() ? a : b;
      const auto& number = a.is_string() ? b : a;
      if (const auto date = parse_date_value(text.get_string())) {
        const double millis = static_cast<double>(
            std::chrono::duration_cast<std::chrono::milliseconds>(date->time_since_epoch())
                .count());
        const double n = *numeric_value(number);
        return a.is_string() ? sign(millis, n) : sign(n, millis);
      }
    }
    return std::nullopt;
  }
  if (a.is_string() && b.is_string()) {
    const std::string_view x = a.get_string();
    const std::string_view y = b.get_string();
    if (x.size() >= 10 && y.size() >= 10 && x[4] == '-' && y[4] == '-') {
      const auto dx = parse_date_value(x);
      const auto dy = parse_date_value(y);
      if (dx && dy) return sign(*dx, *dy);
    }
    const int c = x.compare(y);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return std::nullopt;
}

}  // namespace connectors::emulator
