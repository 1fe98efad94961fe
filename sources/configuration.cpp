#include "sources/configuration.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

#include "core/python_repr.hpp"

namespace connectors::sources {
namespace json = boost::json;
using core::python_str;

namespace {

FieldType parse_field_type(std::string_view text) {
  if (text == "int") return FieldType::kInt;
  if (text == "list") return FieldType::kList;
  if (text == "bool") return FieldType::kBool;
  return FieldType::kStr;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// A marker for values that could not be converted to the field's type. Kept, not thrown,
// so that the error surfaces through check_valid() with the field's label.
constexpr std::string_view kInvalidMarker = "\x01invalid";

json::value invalid(const json::value& original) {
  json::object o;
  o[kInvalidMarker] = original;
  return o;
}

bool is_invalid(const json::value& v) {
  return v.is_object() && v.get_object().contains(kInvalidMarker);
}

json::value convert(const json::value& v, FieldType type) {
  switch (type) {
    case FieldType::kStr:
      if (v.is_string()) return v;
      if (v.is_null()) return "";
      return json::value(python_str(v));
    case FieldType::kInt: {
      if (v.is_int64() || v.is_uint64()) return v;
      if (v.is_null()) return nullptr;
      if (v.is_double()) return static_cast<std::int64_t>(v.get_double());
      if (v.is_string()) {
        const std::string text = trim(v.get_string());
        if (text.empty()) return nullptr;
        std::int64_t n = 0;
        const char* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data() + (text[0] == '+' ? 1 : 0), end, n);
        if (ec == std::errc() && ptr == end) return n;
      }
      return invalid(v);
    }
    case FieldType::kList: {
      if (v.is_array()) return v;
      if (v.is_null()) return json::array{};
      if (v.is_string()) {
        json::array items;
        std::string_view text = v.get_string();
        std::size_t start = 0;
        while (start <= text.size() && !text.empty()) {
          const std::size_t comma = text.find(',', start);
          const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
          std::string item = trim(text.substr(start, end - start));
          if (!item.empty()) items.emplace_back(item);
          if (comma == std::string_view::npos) break;
          start = comma + 1;
        }
        return items;
      }
      return json::array{v};
    }
    case FieldType::kBool: {
      if (v.is_bool() || v.is_null()) return v;
      if (v.is_string()) {
        std::string text = trim(v.get_string());
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (text.empty()) return nullptr;
        if (text == "true" || text == "t" || text == "yes" || text == "y" || text == "on" || text == "1") return true;
        if (text == "false" || text == "f" || text == "no" || text == "n" || text == "off" || text == "0") return false;
        return invalid(v);
      }
      if (v.is_int64()) return v.get_int64() != 0;
      if (v.is_uint64()) return v.get_uint64() != 0;
      return invalid(v);
    }
  }
  return v;
}

// Value equality with numbers compared by value, as Python compares True == True, 1 == 1.
bool loosely_equal(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
  return a == b;
}

double as_double(const json::value& v) { return v.is_number() ? v.to_number<double>() : 0.0; }

std::string join_python(const json::array& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += python_str(values[i]);
  }
  return out;
}

}  // namespace

std::string_view to_string(FieldType type) {
  switch (type) {
    case FieldType::kStr: return "str";
    case FieldType::kInt: return "int";
    case FieldType::kList: return "list";
    case FieldType::kBool: return "bool";
  }
  return "str";
}

json::object to_configuration_json(const ConfigField& field) {
  json::object entry;
  entry["default_value"] = field.default_value;
  json::array depends_on;
  for (const auto& d : field.depends_on) {
    depends_on.push_back(json::object{{"field", d.field}, {"value", d.value}});
  }
  entry["depends_on"] = std::move(depends_on);
  entry["display"] = field.display;
  entry["label"] = field.label.empty() ? [&] {
    std::string upper = field.key;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    return upper;
  }()
                                       : field.label;
  entry["options"] = field.options;
  entry["order"] = field.order;
  entry["required"] = field.required;
  entry["sensitive"] = field.sensitive;
  entry["tooltip"] = field.tooltip ? json::value(*field.tooltip) : json::value(nullptr);
  entry["type"] = to_string(field.type);
  json::array ui_restrictions;
  for (const auto& r : field.ui_restrictions) ui_restrictions.emplace_back(r);
  entry["ui_restrictions"] = std::move(ui_restrictions);
  json::array validations;
  for (const auto& v : field.validations) {
    validations.push_back(json::object{{"type", v.type}, {"constraint", v.constraint}});
  }
  entry["validations"] = std::move(validations);
  entry["value"] = field.value;
  return entry;
}

json::object to_configuration_json(const ConfigSchema& schema) {
  json::object configuration;
  for (const auto& field : schema) configuration[field.key] = to_configuration_json(field);
  return configuration;
}

DataSourceConfiguration::DataSourceConfiguration(const json::object& stored,
                                                 const ConfigSchema& schema) {
  for (const auto& [key, raw] : stored) {
    Field field;
    field.key = key;
    const ConfigField* declared = nullptr;
    for (const auto& f : schema) {
      if (f.key == key) declared = &f;
    }
    json::value raw_value;
    json::value raw_default;
    if (raw.is_object()) {
      const auto& entry = raw.get_object();
      const json::value* label = entry.if_contains("label");
      field.label = label && label->is_string() && !label->get_string().empty()
                        ? std::string(label->get_string())
                        : std::string(key);
      const json::value* required = entry.if_contains("required");
      field.required = !(required && required->is_bool() && !required->get_bool());
      const json::value* type = entry.if_contains("type");
      field.type = parse_field_type(type && type->is_string() ? std::string_view(type->get_string()) : "str");
      if (const json::value* deps = entry.if_contains("depends_on"); deps && deps->is_array()) {
        for (const auto& d : deps->get_array()) {
          if (!d.is_object()) continue;
          const json::value* name = d.get_object().if_contains("field");
          const json::value* value = d.get_object().if_contains("value");
          if (name && name->is_string()) {
            field.depends_on.push_back({std::string(name->get_string()), value ? *value : json::value()});
          }
        }
      }
      if (const json::value* vals = entry.if_contains("validations"); vals && vals->is_array()) {
        for (const auto& v : vals->get_array()) {
          if (!v.is_object()) continue;
          const json::value* t = v.get_object().if_contains("type");
          const json::value* c = v.get_object().if_contains("constraint");
          if (t && t->is_string()) {
            field.validations.push_back({std::string(t->get_string()), c ? *c : json::value()});
          }
        }
      }
      if (const json::value* v = entry.if_contains("value")) raw_value = *v;
      if (const json::value* d = entry.if_contains("default_value")) raw_default = *d;
    } else {
      // A bare value: Elastic treats it as a required str field labelled Key.
      field.label = key;
      if (!field.label.empty()) field.label[0] = static_cast<char>(std::toupper(field.label[0]));
      raw_value = json::value(python_str(raw));
    }
    // The source's declared type wins over whatever the document says (set_defaults).
    if (declared) field.type = declared->type;
    field.value = convert(raw_value, field.type);
    field.default_value = convert(raw_default, field.type);
    fields_.push_back(std::move(field));
  }
  for (const auto& f : schema) {
    if (!find(f.key)) missing_.push_back(f.key);
  }
}

void DataSourceConfiguration::check_fields_present() const {
  if (missing_.empty()) return;
  std::string names;
  for (std::size_t i = 0; i < missing_.size(); ++i) {
    if (i > 0) names += ", ";
    names += missing_[i];
  }
  throw ConfigurationError("MalformedConfigurationError",
                           "Connector has missing configuration fields: " + names);
}

const DataSourceConfiguration::Field* DataSourceConfiguration::find(std::string_view key) const {
  for (const auto& f : fields_) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

const DataSourceConfiguration::Field& DataSourceConfiguration::at(std::string_view key) const {
  if (const Field* f = find(key)) return *f;
  throw ConfigurationError("MalformedConfigurationError",
                           "Connector has missing configuration fields: " + std::string(key));
}

bool DataSourceConfiguration::has(std::string_view key) const { return find(key) != nullptr; }

bool DataSourceConfiguration::is_empty(const Field& field) const {
  const json::value& v = field.value;
  if (v.is_null()) return true;
  if (v.is_string()) return v.get_string().empty();
  if (v.is_array()) {
    const auto& a = v.get_array();
    return std::all_of(a.begin(), a.end(), [](const json::value& item) {
      return item.is_null() || (item.is_string() && item.get_string().empty());
    });
  }
  return false;
}

const json::value& DataSourceConfiguration::effective(const Field& field) const {
  if (!field.required && is_empty(field)) return field.default_value;
  return field.value;
}

bool DataSourceConfiguration::dependencies_satisfied(const Field& field) const {
  for (const auto& dependency : field.depends_on) {
    const Field* other = find(dependency.field);
    if (!other) {
      throw ConfigurationError("ConfigurableFieldDependencyError",
                               "'" + field.label + "' depends on configuration '" +
                                   dependency.field + "', but it does not exist.");
    }
    if (!loosely_equal(effective(*other), dependency.value)) return false;
  }
  return true;
}

std::vector<std::string> DataSourceConfiguration::validate(const Field& field) const {
  std::vector<std::string> errors;
  const json::value& value = effective(field);
  const std::string& label = field.label;
  for (const auto& validation : field.validations) {
    const json::value& constraint = validation.constraint;
    if (validation.type == "less_than") {
      if (!(value.is_number() && as_double(value) < as_double(constraint))) {
        errors.push_back("'" + label + "' value '" + python_str(value) + "' should be less than " +
                         python_str(constraint) + ".");
      }
    } else if (validation.type == "greater_than") {
      if (!(value.is_number() && as_double(value) > as_double(constraint))) {
        errors.push_back("'" + label + "' value '" + python_str(value) +
                         "' should be greater than " + python_str(constraint) + ".");
      }
    } else if (validation.type == "list_type") {
      if (!value.is_array()) {
        errors.push_back("Cannot list_type validate '" + label + "' because its value '" +
                         python_str(value) + "' is not a list.");
        continue;
      }
      const std::string wanted = constraint.is_string() ? std::string(constraint.get_string()) : "";
      for (const auto& item : value.get_array()) {
        if ((wanted == "str" && !item.is_string()) ||
            (wanted == "int" && !(item.is_int64() || item.is_uint64()))) {
          errors.push_back("'" + label + "' list value '" + python_str(item) +
                           "' should be of type " + wanted + ".");
        }
      }
    } else if (validation.type == "included_in") {
      const json::array allowed = constraint.is_array() ? constraint.get_array() : json::array{};
      auto contains = [&](const json::value& item) {
        return std::any_of(allowed.begin(), allowed.end(),
                           [&](const json::value& a) { return loosely_equal(a, item); });
      };
      const json::array items = value.is_array() ? value.get_array() : json::array{value};
      for (const auto& item : items) {
        if (!contains(item)) {
          errors.push_back("'" + label + "' list value '" + python_str(item) + "' should be one of " +
                           join_python(allowed) + ".");
        }
      }
    } else if (validation.type == "regex") {
      if (!value.is_string()) {
        errors.push_back("Cannot regex validate '" + label + "' because '" + python_str(value) +
                         "' is not a string.");
        continue;
      }
      const std::string pattern = constraint.is_string() ? std::string(constraint.get_string()) : "";
      bool matched = false;
      try {
        matched = std::regex_match(std::string(value.get_string()), std::regex(pattern));
      } catch (const std::regex_error&) {
        matched = false;
      }
      if (!matched) {
        errors.push_back("'" + label + "' value '" + python_str(value) + "' failed regex check " +
                         pattern + ".");
      }
    }
  }
  return errors;
}

void DataSourceConfiguration::check_valid() const {
  std::vector<std::string> errors;
  for (const auto& field : fields_) {
    if (!dependencies_satisfied(field)) continue;
    if (is_invalid(field.value)) {
      errors.push_back("'" + field.label + "' value '" +
                       python_str(field.value.get_object().at(kInvalidMarker)) +
                       "' is not a valid " + std::string(to_string(field.type)) + ".");
      continue;
    }
    if (field.required && is_empty(field)) {
      errors.push_back("'" + field.label + "' cannot be empty.");
      continue;
    }
    auto more = validate(field);
    errors.insert(errors.end(), more.begin(), more.end());
  }
  if (errors.empty()) return;
  std::string message = "Field validation errors: ";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) message += "; ";
    message += errors[i];
  }
  throw ConfigurationError("ConfigurableFieldValueError", message);
}

namespace {
[[noreturn]] void wrong_type(std::string_view label, std::string_view wanted) {
  throw ConfigurationError("ConfigurableFieldValueError",
                           "'" + std::string(label) + "' is not a valid " + std::string(wanted) + ".");
}
}  // namespace

std::string DataSourceConfiguration::get_string(std::string_view key) const {
  const Field& field = at(key);
  const json::value& v = effective(field);
  if (v.is_null()) return "";
  if (!v.is_string()) wrong_type(field.label, "str");
  return std::string(v.get_string());
}

std::optional<std::int64_t> DataSourceConfiguration::get_int(std::string_view key) const {
  const Field& field = at(key);
  const json::value& v = effective(field);
  if (v.is_null()) return std::nullopt;
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) return static_cast<std::int64_t>(v.get_uint64());
  wrong_type(field.label, "int");
}

std::vector<std::string> DataSourceConfiguration::get_list(std::string_view key) const {
  const Field& field = at(key);
  const json::value& v = effective(field);
  std::vector<std::string> items;
  if (v.is_null()) return items;
  if (!v.is_array()) wrong_type(field.label, "list");
  for (const auto& item : v.get_array()) items.push_back(python_str(item));
  return items;
}

bool DataSourceConfiguration::get_bool(std::string_view key) const {
  const Field& field = at(key);
  const json::value& v = effective(field);
  if (v.is_null()) return false;
  if (!v.is_bool()) wrong_type(field.label, "bool");
  return v.get_bool();
}

}  // namespace connectors::sources
