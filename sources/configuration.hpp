#pragma once
// A source's configuration: its schema (what Kibana draws the form from) and the values a
// connector document holds for it, read with Elastic's rules.
//
//   ConfigSchema --to_configuration_json()--> connector.configuration (first-time setup)
//   connector.configuration + ConfigSchema --> DataSourceConfiguration --get_*()--> values
//
// Value rules (Elastic's connectors_sdk Field): the schema's type wins over the stored one;
// a list given as text is split on commas, trimmed, empties dropped; an int given as ""
// or null is unset; a field that is not required and empty reads as its default_value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/error.hpp"

namespace connectors::sources {

enum class FieldType { kStr, kInt, kList, kBool };
std::string_view to_string(FieldType type);

struct DependsOn {
  std::string field;
  boost::json::value value;
};

struct FieldValidation {
  std::string type;  // less_than | greater_than | list_type | included_in | regex
  boost::json::value constraint;
};

// One field, with the 13 properties Elastic writes for every field ("RCF" properties).
struct ConfigField {
  std::string key;
  std::string label;  // empty: the key, upper-cased
  int order = 1;
  FieldType type = FieldType::kStr;
  std::string display = "text";
  boost::json::value value = "";
  boost::json::value default_value = nullptr;
  bool required = true;
  bool sensitive = false;
  std::vector<DependsOn> depends_on;
  boost::json::array options;
  std::optional<std::string> tooltip;
  std::vector<std::string> ui_restrictions;
  std::vector<FieldValidation> validations;
};

using ConfigSchema = std::vector<ConfigField>;

// The `configuration` object for a connector document: every field with all 13 properties,
// in the order Elastic writes them (default_value, depends_on, display, label, options,
// order, required, sensitive, tooltip, type, ui_restrictions, validations, value).
boost::json::object to_configuration_json(const ConfigSchema& schema);
boost::json::object to_configuration_json(const ConfigField& field);

// A configuration that cannot be used. `kind` follows Elastic's exception names, which users
// see in connector and job errors: "MalformedConfigurationError" (fields missing),
// "ConfigurableFieldValueError" (values invalid), "ConfigurableFieldDependencyError".
class ConfigurationError : public core::Error {
 public:
  ConfigurationError(std::string kind, std::string message)
      : core::Error(std::move(kind), std::move(message)) {}
};

class DataSourceConfiguration {
 public:
  // `stored` is a connector's (or a sync job's) `configuration` object.
  DataSourceConfiguration(const boost::json::object& stored, const ConfigSchema& schema);

  // Every schema field must be present: "Connector has missing configuration fields: a, b".
  void check_fields_present() const;
  // Required fields whose dependencies hold must not be empty, and validations must pass:
  // "Field validation errors: 'Host' cannot be empty.; 'Port' cannot be empty."
  void check_valid() const;

  bool has(std::string_view key) const;
  // Typed reads of the effective value (default_value for empty optional fields). Throw
  // ConfigurableFieldValueError when the value does not have the schema's type.
  std::string get_string(std::string_view key) const;
  std::optional<std::int64_t> get_int(std::string_view key) const;
  std::vector<std::string> get_list(std::string_view key) const;
  bool get_bool(std::string_view key) const;

 private:
  struct Field {
    std::string key;
    std::string label;
    FieldType type = FieldType::kStr;
    bool required = true;
    std::vector<DependsOn> depends_on;
    std::vector<FieldValidation> validations;
    boost::json::value value;          // converted to `type`; null when unset
    boost::json::value default_value;  // converted to `type`
  };

  const Field* find(std::string_view key) const;
  const Field& at(std::string_view key) const;
  const boost::json::value& effective(const Field& field) const;
  bool is_empty(const Field& field) const;
  bool dependencies_satisfied(const Field& field) const;
  std::vector<std::string> validate(const Field& field) const;

  std::vector<Field> fields_;  // in stored order, as Elastic iterates them
  std::vector<std::string> missing_;
};

}  // namespace connectors::sources
