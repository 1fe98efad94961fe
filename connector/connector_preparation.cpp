#include "connector/connector_preparation.hpp"

#include <spdlog/spdlog.h>

namespace connectors::service {
namespace json = boost::json;

namespace {

// Python truthiness of a JSON value, for Elastic's `default or current` rule.
bool truthy(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return false;
    case json::kind::bool_: return v.get_bool();
    case json::kind::int64: return v.get_int64() != 0;
    case json::kind::uint64: return v.get_uint64() != 0;
    case json::kind::double_: return v.get_double() != 0.0;
    case json::kind::string: return !v.get_string().empty();
    case json::kind::array: return !v.get_array().empty();
    case json::kind::object: return !v.get_object().empty();
  }
  return false;
}

}  // namespace

json::object features_json(const sources::SourceFeatures& f) {
  return json::object{
      {"sync_rules", json::object{{"basic", json::object{{"enabled", f.basic_sync_rules}}},
                                  {"advanced", json::object{{"enabled", f.advanced_sync_rules}}}}},
      {"document_level_security", json::object{{"enabled", f.document_level_security}}},
      {"incremental_sync", json::object{{"enabled", f.incremental_sync}}},
      {"native_connector_api_keys", json::object{{"enabled", false}}}};
}

json::object preparation_patch(const protocol::ConnectorDocument& connector,
                               const sources::SourceDescriptor& source,
                               const std::string& service_type, bool listed) {
  json::object patch;
  const json::object defaults = sources::to_configuration_json(source.configuration);
  const json::object& current = connector.configuration();

  if (current.empty()) {
    patch["configuration"] = defaults;
    patch["status"] = "needs_configuration";
  } else {
    json::object configuration;
    bool missing_fields = false;
    for (const auto& [key, field] : defaults) {
      if (!current.contains(key)) {
        configuration[key] = field;
        missing_fields = true;
      }
    }
    if (missing_fields) {
      spdlog::warn("Connector {} ({}) is missing configuration fields; adding them with their defaults. "
                   "Please review these configuration values.",
                   connector.id(), service_type);
      // Elastic also realigns the properties of the existing fields with the source's
      // definitions (all but `value`), keeping the current one where the default is empty.
      for (const auto& [key, field] : current) {
        if (!field.is_object()) continue;
        const json::value* def = defaults.if_contains(key);
        for (const auto& [property, value] : field.get_object()) {
          if (property == "value") continue;
          const json::value* default_value =
              def && def->is_object() ? def->get_object().if_contains(property) : nullptr;
          const json::value d = default_value ? *default_value : json::value(nullptr);
          if (d != value) configuration[key].emplace_object()[property] = truthy(d) ? d : value;
        }
      }
    }
    // Fields missing some of the 13 properties get the defaults for those, values kept.
    static constexpr std::string_view kProperties[] = {
        "default_value", "depends_on", "display", "label", "options", "order", "required",
        "sensitive", "tooltip", "type", "ui_restrictions", "validations", "value"};
    for (const auto& [key, field] : current) {
      if (!field.is_object()) continue;
      const auto& properties = field.get_object();
      bool incomplete = false;
      for (auto p : kProperties) incomplete = incomplete || !properties.contains(p);
      if (!incomplete) continue;
      // Elastic merges the source's definition of the field under the stored one; a field the
      // source does not define is left as it is.
      const json::value* def = defaults.if_contains(key);
      if (!def || !def->is_object()) continue;
      json::object merged = def->get_object();
      for (const auto& [property, value] : properties) merged[property] = value;
      configuration[key] = std::move(merged);
    }
    if (!configuration.empty()) patch["configuration"] = std::move(configuration);
  }

  if (listed && connector.service_type().empty()) patch["service_type"] = service_type;
  const json::object features = features_json(source.features);
  const json::value current_features = connector.features();
  if (listed) {
    if (!current_features.is_object() || current_features.get_object() != features) patch["features"] = features;
  } else if (connector.is_native()) {
    // Elastic's native connectors: the source's features under the ones already set.
    json::object merged = features;
    bool missing = !current_features.is_object();
    if (current_features.is_object()) {
      for (const auto& [key, value] : features) missing = missing || !current_features.get_object().contains(key);
      for (const auto& [key, value] : current_features.get_object()) merged[key] = value;
    }
    if (missing) patch["features"] = std::move(merged);
  }
  return patch;
}

}  // namespace connectors::service
