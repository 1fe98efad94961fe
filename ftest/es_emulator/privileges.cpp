#include "ftest/es_emulator/privileges.hpp"

#include <algorithm>
#include <utility>

#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {
namespace {

struct Privilege {
  std::string_view name;
  std::vector<std::string_view> grants;  // action patterns ('*' globs)
  std::vector<std::string_view> except = {};
};

// Narrowest first.
const std::vector<Privilege>& index_privileges() {
  static const std::vector<Privilege> privileges = {
      {"create_doc",
       {"indices:data/write/index", "indices:data/write/index[*",
        "indices:data/write/index:op_type/create", "indices:data/write/bulk*",
        "indices:admin/mapping/auto_put", "indices:admin/auto_create"}},
      {"create",
       {"indices:data/write/index*", "indices:data/write/bulk*", "indices:admin/mapping/auto_put",
        "indices:admin/auto_create"}},
      {"index",
       {"indices:data/write/index*", "indices:data/write/update*", "indices:data/write/bulk*",
        "indices:admin/mapping/auto_put", "indices:admin/auto_create"}},
      {"delete", {"indices:data/write/delete*", "indices:data/write/bulk*"}},
      {"write",
       {"indices:data/write/*", "indices:admin/mapping/auto_put", "indices:admin/auto_create"}},
      {"read",
       {"indices:data/read/*", "indices:admin/resolve/index",
        "indices:admin/search/search_shards"}},
      {"view_index_metadata",
       {"indices:admin/aliases/get", "indices:admin/get", "indices:admin/mappings/get",
        "indices:admin/mappings/fields/get", "indices:monitor/settings/get",
        "indices:admin/resolve/index"}},
      {"maintenance",
       {"indices:admin/refresh*", "indices:admin/flush*", "indices:admin/forcemerge*"}},
      {"create_index",
       {"indices:admin/create", "indices:admin/auto_create", "indices:admin/data_stream/create"}},
      {"delete_index", {"indices:admin/delete", "indices:admin/data_stream/delete"}},
      {"monitor", {"indices:monitor/*"}},
      {"manage", {"indices:monitor/*", "indices:admin/*"}},
      {"all", {"indices:*"}},
  };
  return privileges;
}

const std::vector<Privilege>& cluster_privileges() {
  static const std::vector<Privilege> privileges = {
      {"read_connector_secrets", {"cluster:admin/xpack/connector/secret/get"}},
      {"write_connector_secrets",
       {"cluster:admin/xpack/connector/secret/post", "cluster:admin/xpack/connector/secret/put",
        "cluster:admin/xpack/connector/secret/delete"}},
      {"manage_ingest_pipelines", {"cluster:admin/ingest/pipeline/*"}},
      {"manage_api_key", {"cluster:admin/xpack/security/api_key/*"}},
      {"manage_search_application", {"cluster:admin/xpack/application/search_application/*"}},
      {"manage_behavioral_analytics", {"cluster:admin/xpack/application/analytics/*"}},
      {"post_behavioral_analytics_event", {"cluster:admin/xpack/application/analytics/post_event"}},
      {"monitor", {"cluster:monitor/*"}},
      {"manage", {"cluster:*"}, {"cluster:admin/xpack/security/*"}},
      {"all", {"cluster:*", "indices:admin/template/*"}},
  };
  return privileges;
}

bool matches(const Privilege& privilege, std::string_view action) {
  const auto hit = [&](const std::vector<std::string_view>& patterns) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](std::string_view pattern) { return wildcard_match(pattern, action); });
  };
  return hit(privilege.grants) && !hit(privilege.except);
}

const Privilege* find(const std::vector<Privilege>& list, std::string_view name) {
  for (const auto& p : list) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace

bool is_index_action(std::string_view action) { return action.rfind("indices:", 0) == 0; }

bool privilege_grants(PrivilegeKind kind, std::string_view name, std::string_view action) {
  const Privilege* privilege = kind == PrivilegeKind::Index ? find(index_privileges(), name)
                                                            : find(cluster_privileges(), name);
  return privilege && matches(*privilege, action);
}

std::vector<std::string> privileges_granting(PrivilegeKind kind, std::string_view action) {
  std::vector<std::string> out;
  const auto collect = [&](const auto& list) {
    for (const auto& p : list) {
      if (matches(p, action)) out.emplace_back(p.name);
    }
  };
  if (kind == PrivilegeKind::Index) {
    collect(index_privileges());
  } else {
    collect(cluster_privileges());
  }
  return out;
}

}  // namespace connectors::emulator
