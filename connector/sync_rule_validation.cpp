#include "connector/sync_rule_validation.hpp"
#include "core/python_repr.hpp"

#include <map>
#include <tuple>


namespace connectors::service {
namespace json = boost::json;
using core::python_repr;
using core::python_str;

namespace {

constexpr char kDefaultRuleId[] = "DEFAULT";

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_policy(std::string_view text) {
  const std::string p = lower_ascii(text);
  return p == "include" || p == "exclude";
}

// The rule name Elastic's Rule enum parses to, or "" when it is not one.
std::string rule_kind(std::string_view text) {
  const std::string r = lower_ascii(text);
  for (const char* kind : {"equals", "contains", "ends_with", ">", "<", "regex", "starts_with"}) {
    if (r == kind) return r;
  }
  return "";
}

// Elastic's BasicRuleAgainstSchemaValidator (fastjsonschema): the first problem, or "".
std::string schema_problem(const json::value& rule) {
  if (!rule.is_object()) return "data must be object";
  const json::object& o = rule.get_object();
  for (const char* key : {"id", "policy", "field", "rule", "value", "order"}) {
    if (!o.contains(key)) {
      return "data must contain ['id', 'policy', 'field', 'rule', 'value', 'order'] properties";
    }
  }
  auto string_field = [&](const char* key) -> std::string {
    const json::value& v = o.at(key);
    if (!v.is_string()) return std::string("data.") + key + " must be string";
    if (v.get_string().empty()) return std::string("data.") + key + " must be longer than or equal to 1 characters";
    return "";
  };
  if (auto p = string_field("id"); !p.empty()) return p;
  // Formats apply to strings only, as in JSON schema: a non-string policy passes this check.
  if (const auto& policy = o.at("policy"); policy.is_string() && !is_policy(policy.get_string())) {
    return "data.policy must be policy";
  }
  if (auto p = string_field("field"); !p.empty()) return p;
  if (const auto& r = o.at("rule"); r.is_string() && rule_kind(r.get_string()).empty()) {
    return "data.rule must be rule";
  }
  if (auto p = string_field("value"); !p.empty()) return p;
  if (const auto& order = o.at("order"); !order.is_number()) return "data.order must be number";
  return "";
}

// A rule the later validators can read (Elastic's BasicRule.from_json would fail otherwise).
bool readable(const json::value& rule) {
  if (!schema_problem(rule).empty()) return false;
  const json::object& o = rule.get_object();
  return o.at("policy").is_string() && o.at("rule").is_string();
}

json::value id_of(const json::value& rule) {
  if (rule.is_object()) {
    if (const json::value* id = rule.get_object().if_contains("id")) return *id;
  }
  return nullptr;
}

std::string short_name(const json::value& rule) {
  const json::object& o = rule.get_object();
  return short_rule_name(o.at("order"), std::string(o.at("id").get_string()));
}

std::string python_list(const json::array& values) {
  return python_repr(json::value(values));
}

}  // namespace

void FilteringValidation::add(json::value id, std::string message) {
  FilteringValidationError error;
  error.ids.push_back(std::move(id));
  error.messages.push_back(std::move(message));
  errors.push_back(std::move(error));
}

json::object FilteringValidation::to_json() const {
  json::array list;
  for (const auto& e : errors) {
    json::array messages;
    for (const auto& m : e.messages) messages.emplace_back(m);
    list.push_back(json::object{{"ids", e.ids}, {"messages", std::move(messages)}});
  }
  return json::object{{"state", valid() ? "valid" : "invalid"}, {"errors", std::move(list)}};
}

std::string shorten_middle(const std::string& text, std::size_t shorten_by) {
  if (text.empty()) return "";
  if (shorten_by < 3) return text;
  // Python counts characters: find where each code point starts.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) starts.push_back(i);
  }
  // Python's arithmetic, signed: a one-character id becomes "x...x" there too.
  const auto length = static_cast<long long>(starts.size());
  const long long shorten = std::min(length - 2, static_cast<long long>(shorten_by));
  const long long keep = (length - shorten) / 2;
  const bool balanced = (shorten + length) % 2 == 0;
  const long long front = balanced ? keep : keep + 1;
  auto prefix = [&](long long chars) {
    return text.substr(0, chars < length ? starts[static_cast<std::size_t>(chars)] : text.size());
  };
  auto suffix = [&](long long chars) {
    return chars >= length ? text : text.substr(starts[static_cast<std::size_t>(length - chars)]);
  };
  return prefix(front) + "..." + suffix(keep);
}

std::string short_rule_name(const json::value& order, const std::string& id) {
  // Elastic writes order + 1 (orders count from 0), as Python prints the number.
  std::string number;
  if (order.is_int64()) {
    number = std::to_string(order.get_int64() + 1);
  } else if (order.is_uint64()) {
    number = std::to_string(order.get_uint64() + 1);
  } else if (order.is_double()) {
    number = python_repr(json::value(order.get_double() + 1));
  } else {
    number = python_str(order);
  }
  return "Basic rule " + number + " (id: '" + shorten_middle(id, 26) + "')";
}

json::value advanced_rules_of(const json::value& filtering) {
  if (!filtering.is_object()) return nullptr;
  const json::value* snippet = filtering.get_object().if_contains("advanced_snippet");
  if (!snippet || !snippet->is_object()) return nullptr;
  const json::value* value = snippet->get_object().if_contains("value");
  if (!value || value->is_null()) return nullptr;
  if (value->is_object() && value->get_object().empty()) return nullptr;
  if (value->is_array() && value->get_array().empty()) return nullptr;
  if (value->is_string() && value->get_string().empty()) return nullptr;
  return *value;
}

FilteringValidation validate_basic_rules(const json::value& rules) {
  FilteringValidation result;
  if (!rules.is_array()) return result;
  const json::array& list = rules.get_array();

  for (const auto& rule : list) {
    if (auto problem = schema_problem(rule); !problem.empty()) result.add(id_of(rule), std::move(problem));
  }

  for (const auto& rule : list) {
    if (!readable(rule)) continue;
    const json::object& o = rule.get_object();
    if (o.at("id").get_string() == kDefaultRuleId) continue;  // DEFAULT matches all on purpose
    const std::string_view value = o.at("value").get_string();
    if (rule_kind(o.at("rule").get_string()) == "regex" && (value == ".*" || value == "(.*)")) {
      result.add(o.at("id"), short_name(rule) + " uses a match all regexps ['.*', '(.*)'], which are not allowed.");
    }
  }

  // Only the first pair of semantic duplicates is reported, as Elastic's validator stops there.
  std::map<std::tuple<std::string, std::string, std::string>, const json::value*> seen;
  for (const auto& rule : list) {
    if (!readable(rule)) continue;
    const json::object& o = rule.get_object();
    auto key = std::make_tuple(std::string(o.at("field").get_string()), rule_kind(o.at("rule").get_string()),
                               std::string(o.at("value").get_string()));
    const auto [it, inserted] = seen.emplace(std::move(key), &rule);
    if (inserted) continue;
    const json::value& earlier = *it->second;
    result.add(o.at("id"), short_name(rule) + " is semantically equal to " + short_name(earlier) + ".");
    result.add(earlier.get_object().at("id"),
               short_name(earlier) + " is semantically equal to " + short_name(rule) + ".");
    break;
  }
  return result;
}

FilteringValidation validate_filtering(const json::value& filtering, sources::Source* source) {
  json::value rules = json::array{};
  if (filtering.is_object()) {
    if (const json::value* r = filtering.get_object().if_contains("rules")) rules = *r;
  }
  FilteringValidation result = validate_basic_rules(rules);
  const json::value advanced = advanced_rules_of(filtering);
  if (source && !advanced.is_null()) {
    for (auto& error : source->validate_advanced_rules(advanced)) {
      result.add(json::value(error.rule_id), std::move(error.message));
    }
  }
  return result;
}

InvalidFilteringError::InvalidFilteringError(const FilteringValidation& validation)
    : core::Error("InvalidFilteringError", [&] {
        // Elastic prints its Enum and its error objects here; the errors are written as their
        // str() form, "(ids: [...], messages: [...])", which says what is wrong.
        std::string text = "Filtering in state FilteringValidationState.";
        text += validation.valid() ? "VALID" : "INVALID";
        text += ", errors: [";
        for (std::size_t i = 0; i < validation.errors.size(); ++i) {
          if (i > 0) text += ", ";
          json::array messages;
          for (const auto& m : validation.errors[i].messages) messages.emplace_back(m);
          text += "(ids: " + python_list(validation.errors[i].ids) + ", messages: " + python_list(messages) + ")";
        }
        return text + "].";
      }()) {}

}  // namespace connectors::service
