#include "sources/postgresql/advanced_rules.hpp"

#include <algorithm>

#include "core/python_repr.hpp"

namespace connectors::sources::postgresql {
namespace json = boost::json;

namespace {

// The property checks of one rule object, in the schema's order.
std::optional<std::string> property_error(const std::string& name, const json::object& rule) {
  if (const json::value* tables = rule.if_contains("tables")) {
    if (!tables->is_array()) return name + ".tables must be array";
    if (tables->get_array().empty()) return name + ".tables must contain at least 1 items";
  }
  if (const json::value* query = rule.if_contains("query")) {
    if (!query->is_string()) return name + ".query must be string";
    if (query->get_string().empty()) return name + ".query must be longer than or equal to 1 characters";
  }
  if (const json::value* id_columns = rule.if_contains("id_columns")) {
    if (!id_columns->is_array()) return name + ".id_columns must be array";
    if (id_columns->get_array().empty()) return name + ".id_columns must contain at least 1 items";
  }
  return std::nullopt;
}

}  // namespace

bool has_advanced_rules(const json::value& rules) {
  if (rules.is_null()) return false;
  if (rules.is_array()) return !rules.get_array().empty();
  if (rules.is_object()) return !rules.get_object().empty();
  if (rules.is_string()) return !rules.get_string().empty();
  return true;
}

std::optional<std::string> advanced_rules_schema_error(const json::value& rules) {
  if (!rules.is_array()) return std::string("data must be array");
  const json::array& items = rules.get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string name = "data[" + std::to_string(i) + "]";
    if (!items[i].is_object()) return name + " must be object";
    const json::object& rule = items[i].get_object();
    if (!rule.contains("tables") || !rule.contains("query")) {
      return name + " must contain ['tables', 'query'] properties";
    }
    if (auto error = property_error(name, rule)) return error;
    std::vector<std::string> extra;
    for (const auto& [key, value] : rule) {
      if (key != "tables" && key != "query" && key != "id_columns") extra.push_back(core::python_str_repr(key));
    }
    if (!extra.empty()) {
      std::sort(extra.begin(), extra.end());
      std::string set = "{";
      for (std::size_t k = 0; k < extra.size(); ++k) set += (k > 0 ? ", " : "") + extra[k];
      return name + " must not contain " + set + "} properties";
    }
  }
  return std::nullopt;
}

std::vector<json::value> tables_named(const json::value& rules) {
  std::vector<json::value> named;
  if (!rules.is_array()) return named;
  for (const auto& rule : rules.get_array()) {
    if (!rule.is_object()) continue;
    const json::value* tables = rule.get_object().if_contains("tables");
    if (tables == nullptr || !tables->is_array()) continue;
    for (const auto& table : tables->get_array()) {
      if (std::find(named.begin(), named.end(), table) == named.end()) named.push_back(table);
    }
  }
  return named;
}

std::optional<std::string> missing_tables_message(const std::vector<json::value>& named,
                                                  const std::vector<std::string>& existing) {
  std::vector<std::string> missing;
  for (const auto& table : named) {
    const bool found = table.is_string() &&
                       std::find(existing.begin(), existing.end(), std::string_view(table.get_string())) != existing.end();
    if (!found) missing.push_back(core::python_repr(table));
  }
  if (missing.empty()) return std::nullopt;
  std::sort(missing.begin(), missing.end());
  std::string set;
  for (const auto& item : missing) set += (set.empty() ? "" : ", ") + item;
  return "Tables not found or inaccessible: {" + set + "}.";
}

std::vector<AdvancedRule> read_advanced_rules(const json::value& rules) {
  std::vector<AdvancedRule> out;
  for (const auto& item : rules.as_array()) {
    const json::object& rule = item.as_object();
    AdvancedRule parsed;
    for (const auto& table : rule.at("tables").as_array()) parsed.tables.push_back(core::python_str(table));
    parsed.query = std::string(rule.at("query").as_string());
    if (const json::value* id_columns = rule.if_contains("id_columns")) {
      for (const auto& column : id_columns->as_array()) parsed.id_columns.push_back(core::python_str(column));
    }
    out.push_back(std::move(parsed));
  }
  return out;
}

}  // namespace connectors::sources::postgresql
