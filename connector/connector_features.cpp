#include "connector/connector_features.hpp"

#include <initializer_list>
#include <string_view>

namespace connectors::service {
namespace json = boost::json;

namespace {

// features[path...] is `true`.
bool enabled(const json::value& features, std::initializer_list<std::string_view> path) {
  const json::value* v = &features;
  for (auto key : path) {
    if (!v->is_object()) return false;
    v = v->get_object().if_contains(key);
    if (!v) return false;
  }
  return v->is_bool() && v->get_bool();
}

}  // namespace

ConnectorFeatures ConnectorFeatures::from_json(const json::value& features) {
  ConnectorFeatures f;
  f.sync_rules = enabled(features, {"sync_rules", "basic", "enabled"}) ||
                 enabled(features, {"sync_rules", "advanced", "enabled"}) ||
                 enabled(features, {"filtering_rules"}) || enabled(features, {"filtering_advanced_config"});
  f.document_level_security = enabled(features, {"document_level_security", "enabled"});
  f.incremental_sync = enabled(features, {"incremental_sync", "enabled"});
  return f;
}

}  // namespace connectors::service
