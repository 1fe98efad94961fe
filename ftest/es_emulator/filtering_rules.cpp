#include "ftest/es_emulator/filtering_rules.hpp"

#include <algorithm>

#include "ftest/es_emulator/body_reader.hpp"
#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/instant.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

const json::object& as_object(const json::value& v, std::string_view parser) {
  if (!v.is_object()) throw parse_error("[" + std::string(parser) + "] expected an object");
  return v.get_object();
}

std::string instant_field(const BodyReader& reader, std::string_view key, const std::string& now) {
  const auto text = reader.string(key);
  if (!text) return now;
  const auto t = parse_strict_instant(*text);
  if (!t) {
    EsError error = parse_error("[" + reader.parser_name() + "] failed to parse field [" +
                                std::string(key) + "]");
    error.caused(EsError(400, "date_time_parse_exception",
                         "Text '" + *text + "' could not be parsed at index 0"));
    throw error;
  }
  return format_es_instant(*t);
}

std::string required_string(const BodyReader& reader, std::string_view key) {
  auto value = reader.string(key);
  if (!value) {
    throw parse_error("[" + reader.parser_name() + "] Required [" + std::string(key) + "]");
  }
  return *value;
}

std::string enum_string(const BodyReader& reader, std::string_view key,
                        std::initializer_list<std::string_view> allowed,
                        std::string_view enum_name) {
  const std::string value = required_string(reader, key);
  std::string lower = value;
  for (auto& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (std::find(allowed.begin(), allowed.end(), lower) == allowed.end()) {
    EsError error = parse_error("[" + reader.parser_name() + "] failed to parse field [" +
                                std::string(key) + "]");
    error.caused(bad_request("Unknown " + std::string(enum_name) + " [" + value + "]."));
    throw error;
  }
  return lower;
}

}  // namespace

json::object default_rule(const std::string& timestamp, std::int64_t order) {
  return json::object{
      {"created_at", timestamp}, {"field", "_"},    {"id", "DEFAULT"},         {"order", order},
      {"policy", "include"},     {"rule", "regex"}, {"updated_at", timestamp}, {"value", ".*"},
  };
}

bool is_default_rule(const json::object& rule) {
  auto is = [&](std::string_view key, std::string_view value) {
    const auto* v = rule.if_contains(key);
    return v && v->is_string() && v->get_string() == value;
  };
  return is("id", "DEFAULT") && is("field", "_") && is("policy", "include") &&
         is("rule", "regex") && is("value", ".*");
}

json::object parse_filtering_rule(const json::value& rule, const std::string& now) {
  const BodyReader reader(
      as_object(rule, "connector_filtering_rule"), "connector_filtering_rule",
      {"created_at", "field", "id", "order", "policy", "rule", "updated_at", "value"});
  const auto order = reader.integer("order");
  if (!order) throw parse_error("[connector_filtering_rule] Required [order]");
  return json::object{
      {"created_at", instant_field(reader, "created_at", now)},
      {"field", required_string(reader, "field")},
      {"id", required_string(reader, "id")},
      {"order", *order},
      {"policy", enum_string(reader, "policy", {"include", "exclude"}, "FilteringPolicy")},
      {"rule", enum_string(reader, "rule",
                           {"contains", "ends_with", "equals", "regex", "starts_with", ">", "<"},
                           "FilteringRuleCondition")},
      {"updated_at", instant_field(reader, "updated_at", now)},
      {"value", required_string(reader, "value")},
  };
}

json::object parse_advanced_snippet(const json::value& snippet, const std::string& now) {
  const BodyReader reader(as_object(snippet, "connector_filtering_advanced_snippet"),
                          "connector_filtering_advanced_snippet",
                          {"created_at", "updated_at", "value"});
  const auto* value = reader.get("value");
  if (!value) throw parse_error("[connector_filtering_advanced_snippet] Required [value]");
  if (!value->is_object() && !value->is_array()) reader.fail("value");
  return json::object{
      {"created_at", instant_field(reader, "created_at", now)},
      {"updated_at", instant_field(reader, "updated_at", now)},
      {"value", *value},
  };
}

json::object parse_validation_info(const json::value& validation) {
  const BodyReader reader(as_object(validation, "filtering_validation_info"),
                          "filtering_validation_info", {"errors", "state"});
  const auto* errors = reader.array("errors");
  if (!errors) throw parse_error("[filtering_validation_info] Required [errors]");
  const std::string state =
      enum_string(reader, "state", {"edited", "invalid", "valid"}, "FilteringValidationState");
  json::array parsed_errors;
  for (const auto& e : *errors) {
    const BodyReader er(as_object(e, "filtering_validation"), "filtering_validation",
                        {"ids", "messages"});
    json::array ids;
    json::array messages;
    const auto* id_list = er.array("ids");
    const auto* message_list = er.array("messages");
    if (!id_list) throw parse_error("[filtering_validation] Required [ids]");
    if (!message_list) throw parse_error("[filtering_validation] Required [messages]");
    for (const auto& id : *id_list) {
      if (!id.is_string()) er.fail("ids");
      ids.push_back(id);
    }
    for (const auto& m : *message_list) {
      if (!m.is_string()) er.fail("messages");
      messages.push_back(m);
    }
    parsed_errors.push_back(
        json::object{{"ids", std::move(ids)}, {"messages", std::move(messages)}});
  }
  return json::object{{"errors", std::move(parsed_errors)}, {"state", state}};
}

json::object parse_filtering_rules(const json::value& rules, const std::string& now) {
  const BodyReader reader(as_object(rules, "filtering_rules"), "filtering_rules",
                          {"advanced_snippet", "rules", "validation"});
  const auto* snippet = reader.get("advanced_snippet");
  const auto* rule_list = reader.array("rules");
  const auto* validation = reader.get("validation");
  if (!snippet) throw parse_error("[filtering_rules] Required [advanced_snippet]");
  if (!rule_list) throw parse_error("[filtering_rules] Required [rules]");
  if (!validation) throw parse_error("[filtering_rules] Required [validation]");
  json::array parsed;
  for (const auto& r : *rule_list) parsed.push_back(parse_filtering_rule(r, now));
  return json::object{
      {"advanced_snippet", parse_advanced_snippet(*snippet, now)},
      {"rules", std::move(parsed)},
      {"validation", parse_validation_info(*validation)},
  };
}

json::array parse_filtering_list(const json::value& list, const std::string& now) {
  if (!list.is_array())
    throw parse_error("[connector_update_filtering_request] failed to parse field [filtering]");
  json::array out;
  for (const auto& entry : list.get_array()) {
    const BodyReader reader(as_object(entry, "connector_filtering"), "connector_filtering",
                            {"active", "draft", "domain"});
    const auto* active = reader.get("active");
    const auto* draft = reader.get("draft");
    if (!active) throw parse_error("[connector_filtering] Required [active]");
    if (!draft) throw parse_error("[connector_filtering] Required [draft]");
    // Elasticsearch always writes the DEFAULT domain, whatever the request says.
    out.push_back(json::object{
        {"active", parse_filtering_rules(*active, now)},
        {"domain", "DEFAULT"},
        {"draft", parse_filtering_rules(*draft, now)},
    });
  }
  return out;
}

json::array sort_filtering_rules(const json::array& rules, const std::string& now) {
  if (rules.empty()) return json::array{default_rule(now, 0)};
  std::string default_created_at = now;
  std::vector<json::object> others;
  bool found_default = false;
  for (const auto& r : rules) {
    const auto& rule = r.get_object();
    if (is_default_rule(rule)) {
      if (!found_default) default_created_at = std::string(rule.at("created_at").get_string());
      found_default = true;
      continue;
    }
    others.push_back(rule);
  }
  std::stable_sort(others.begin(), others.end(), [](const json::object& a, const json::object& b) {
    return a.at("order").to_number<std::int64_t>() < b.at("order").to_number<std::int64_t>();
  });
  json::array out;
  for (auto& rule : others) out.push_back(std::move(rule));
  const std::int64_t order =
      out.empty() ? 0 : out.back().get_object().at("order").to_number<std::int64_t>() + 1;
  out.push_back(default_rule(default_created_at, order));
  return out;
}

json::array default_filtering(const std::string& now) {
  auto rules = [&] {
    return json::object{
        {"advanced_snippet",
         json::object{{"created_at", now}, {"updated_at", now}, {"value", json::object{}}}},
        {"rules", json::array{default_rule(now, 0)}},
        {"validation", json::object{{"errors", json::array{}}, {"state", "valid"}}},
    };
  };
  return json::array{json::object{{"active", rules()}, {"domain", "DEFAULT"}, {"draft", rules()}}};
}

}  // namespace connectors::emulator
