#include "connector/basic_rules.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include <boost/regex.hpp>

#include "connector/sync_rule_validation.hpp"
#include "core/python_repr.hpp"

namespace connectors::service {
namespace json = boost::json;
using core::python_repr;
using core::python_str;

namespace {

enum class Kind { kEquals, kStartsWith, kEndsWith, kContains, kRegex, kGreaterThan, kLessThan };

std::optional<Kind> parse_kind(std::string_view text) {
  std::string r(text);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (r == "equals") return Kind::kEquals;
  if (r == "starts_with") return Kind::kStartsWith;
  if (r == "ends_with") return Kind::kEndsWith;
  if (r == "contains") return Kind::kContains;
  if (r == "regex") return Kind::kRegex;
  if (r == ">") return Kind::kGreaterThan;
  if (r == "<") return Kind::kLessThan;
  return std::nullopt;
}

// Python's float(text): surrounding whitespace allowed, decimal or inf/nan, no hex.
std::optional<double> python_float(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\n\r\f\v");
  if (begin == std::string::npos) return std::nullopt;
  const auto end = text.find_last_not_of(" \t\n\r\f\v");
  const std::string trimmed = text.substr(begin, end - begin + 1);
  if (trimmed.find_first_of("xX") != std::string::npos) return std::nullopt;
  char* stop = nullptr;
  const double value = std::strtod(trimmed.c_str(), &stop);
  if (stop != trimmed.c_str() + trimmed.size()) return std::nullopt;
  return value;
}

// Elastic's to_bool: true|t|yes|y|on, false|f|no|n|off or empty; anything else is not a bool.
std::optional<bool> python_bool(const std::string& text) {
  std::string v(text);
  for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v.empty() || v == "false" || v == "f" || v == "no" || v == "n" || v == "off") return false;
  if (v == "true" || v == "t" || v == "yes" || v == "y" || v == "on") return true;
  return std::nullopt;
}

// <0, 0, >0 for a JSON number against a float, compared exactly as Python compares int and
// float; nullopt when either is NaN.
std::optional<int> compare_number(const json::value& number, double rule) {
  if (std::isnan(rule)) return std::nullopt;
  long double left = 0;
  if (number.is_int64()) left = static_cast<long double>(number.get_int64());
  else if (number.is_uint64()) left = static_cast<long double>(number.get_uint64());
  else left = number.get_double();
  if (std::isnan(left)) return std::nullopt;
  const long double right = rule;
  return left < right ? -1 : (left > right ? 1 : 0);
}

}  // namespace

struct BasicRules::Rule {
  std::string id;
  double order = 0;
  bool include = true;
  std::string field;
  Kind kind = Kind::kEquals;
  std::string value;
  std::optional<boost::regex> regex;
  std::optional<double> number;  // value as Python's float(), when it is one
  std::optional<bool> boolean;   // value as Elastic's to_bool, when it is one

  bool matches(const json::object& document) const {
    const json::value* found = document.if_contains(field);
    if (!found) return false;
    const json::value& v = *found;
    switch (kind) {
      case Kind::kStartsWith: return python_str(v).starts_with(value);
      case Kind::kEndsWith: return python_str(v).ends_with(value);
      case Kind::kContains: return python_str(v).find(value) != std::string::npos;
      case Kind::kRegex: {
        const std::string text = python_str(v);
        try {
          boost::smatch m;
          return boost::regex_search(text, m, *regex, boost::match_continuous);
        } catch (const std::runtime_error&) {
          return false;  // too complex to evaluate (Python would run for ever)
        }
      }
      case Kind::kEquals:
      case Kind::kLessThan:
      case Kind::kGreaterThan: break;
    }
    int order_of = 0;  // document value compared with the rule value
    if (v.is_string()) {
      const int c = std::string_view(v.get_string()).compare(value);
      order_of = c < 0 ? -1 : (c > 0 ? 1 : 0);
    } else if (v.is_bool()) {
      if (kind != Kind::kEquals || !boolean) return false;
      return v.get_bool() == *boolean;
    } else if (v.is_number()) {
      if (!number) return false;
      const auto c = compare_number(v, *number);
      if (!c) return false;
      order_of = *c;
    } else {
      return false;  // null, list, object: never equal to text, not ordered against it
    }
    switch (kind) {
      case Kind::kEquals: return order_of == 0;
      case Kind::kLessThan: return order_of < 0;
      case Kind::kGreaterThan: return order_of > 0;
      default: return false;
    }
  }
};

BasicRules::BasicRules() = default;
BasicRules::~BasicRules() = default;
BasicRules::BasicRules(BasicRules&&) noexcept = default;
BasicRules& BasicRules::operator=(BasicRules&&) noexcept = default;

bool BasicRules::empty() const { return rules_.empty(); }
std::size_t BasicRules::size() const { return rules_.size(); }

BasicRules BasicRules::from_rules(const json::value& rules) {
  BasicRules result;
  if (!rules.is_array()) return result;
  for (const auto& item : rules.get_array()) {
    if (!item.is_object()) continue;
    const json::object& o = item.get_object();
    const json::value* id = o.if_contains("id");
    const json::value* policy = o.if_contains("policy");
    const json::value* field = o.if_contains("field");
    const json::value* rule = o.if_contains("rule");
    const json::value* value = o.if_contains("value");
    const json::value* order = o.if_contains("order");
    if (!id || !id->is_string() || !policy || !policy->is_string() || !field || !field->is_string() ||
        !rule || !rule->is_string() || !value || !value->is_string() || !order || !order->is_number()) {
      continue;
    }
    if (id->get_string() == "DEFAULT") continue;
    const auto kind = parse_kind(rule->get_string());
    std::string p(policy->get_string());
    for (auto& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!kind || (p != "include" && p != "exclude")) continue;
    auto r = std::make_unique<Rule>();
    r->id = id->get_string();
    r->order = order->to_number<double>();
    r->include = p == "include";
    r->field = field->get_string();
    r->kind = *kind;
    r->value = value->get_string();
    r->number = python_float(r->value);
    r->boolean = python_bool(r->value);
    if (*kind == Kind::kRegex) {
      try {
        r->regex.emplace(r->value, boost::regex::perl);
      } catch (const boost::regex_error& e) {
        throw InvalidFilteringError(short_rule_name(*order, r->id) + " has an invalid regex '" + r->value +
                                    "': " + e.what());
      }
    }
    result.rules_.push_back(std::move(r));
  }
  std::stable_sort(result.rules_.begin(), result.rules_.end(),
                   [](const auto& a, const auto& b) { return a->order < b->order; });
  return result;
}

bool BasicRules::should_ingest(const json::object& document) const {
  for (const auto& rule : rules_) {
    if (rule->matches(document)) return rule->include;
  }
  return true;
}

}  // namespace connectors::service
