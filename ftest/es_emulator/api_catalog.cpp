#include "ftest/es_emulator/api_catalog.hpp"

#include <array>

namespace connectors::emulator {
namespace {

using M = Method;
using T = AuthTarget;

constexpr std::array<std::string_view, 6> kCommon = {"pretty",      "human",  "error_trace",
                                                     "filter_path", "source", "source_content_type"};

// "a b c" -> {"a", "b", "c"}; the views point into the literal.
std::vector<std::string_view> names(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto space = text.find(' ');
    if (space != 0) out.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return out;
}

ApiEntry api(std::string_view name, std::string action, AuthTarget target,
             std::vector<ApiRoute> routes, std::string_view params, bool in_spec = true) {
  return ApiEntry{name, std::move(action), target, std::move(routes), names(params), in_spec};
}

// The connector API's actions: indices:data/{read,write}/xpack/connector/<verb>.
std::string reads(std::string_view verb) {
  return "indices:data/read/xpack/connector/" + std::string(verb);
}
std::string writes(std::string_view verb) {
  return "indices:data/write/xpack/connector/" + std::string(verb);
}

// A connector or sync-job API: one route, an index action on its system index.
ApiEntry connector(std::string_view name, std::string action, Method method,
                   std::string_view pattern, std::string_view params = "") {
  const bool jobs = pattern.rfind("/_connector/_sync_job", 0) == 0;
  return api(name, std::move(action), jobs ? T::SyncJobsIndex : T::ConnectorsIndex,
             {{method, pattern}}, params);
}

constexpr std::string_view kGetParams =
    "_source _source_exclude_vectors _source_excludes _source_includes force_synthetic_source "
    "preference realtime refresh routing stored_fields version version_type";
constexpr std::string_view kExistsParams =
    "_source _source_excludes _source_includes preference realtime refresh routing stored_fields "
    "version version_type";
constexpr std::string_view kSourceParams =
    "_source _source_excludes _source_includes preference realtime refresh routing version "
    "version_type";
constexpr std::string_view kSearchParams =
    "_source _source_exclude_vectors _source_excludes _source_includes allow_no_indices "
    "allow_partial_search_results analyze_wildcard analyzer batched_reduce_size "
    "ccs_minimize_roundtrips default_operator df docvalue_fields expand_wildcards explain "
    "force_synthetic_source from ignore_throttled ignore_unavailable include_named_queries_score "
    "lenient max_concurrent_shard_requests pre_filter_shard_size preference project_routing q "
    "request_cache rest_total_hits_as_int routing scroll search_type seq_no_primary_term size "
    "sort stats stored_fields suggest_field suggest_mode suggest_size suggest_text "
    "terminate_after timeout track_scores track_total_hits typed_keys version";

// clang-format off
std::vector<ApiEntry> build() {
  std::vector<ApiEntry> c;
  // Cluster.
  c.push_back(api("info", "cluster:monitor/main", T::Cluster, {{M::Get, "/"}}, ""));
  c.push_back(api("ping", "cluster:monitor/main", T::Cluster, {{M::Head, "/"}}, ""));
  c.push_back(api("license.get", "cluster:monitor/xpack/license/get", T::Cluster,
                  {{M::Get, "/_license"}}, "accept_enterprise local", false));
  c.push_back(api("cluster.health", "cluster:monitor/health", T::Cluster, {{M::Get, "/_cluster/health"}},
                  "expand_wildcards level local master_timeout timeout wait_for_active_shards "
                  "wait_for_events wait_for_no_initializing_shards wait_for_no_relocating_shards "
                  "wait_for_nodes wait_for_status", false));
  c.push_back(api("features.reset_features", "cluster:admin/features/reset", T::Cluster,
                  {{M::Post, "/_features/_reset"}}, "master_timeout", false));

  // Indices.
  c.push_back(api("indices.create", "indices:admin/create", T::PathIndex, {{M::Put, "/{index}"}},
                  "master_timeout timeout wait_for_active_shards"));
  c.push_back(api("indices.exists", "indices:admin/get", T::PathIndex, {{M::Head, "/{index}"}},
                  "allow_no_indices expand_wildcards flat_settings ignore_unavailable "
                  "include_defaults local"));
  c.push_back(api("indices.get", "indices:admin/get", T::PathIndex, {{M::Get, "/{index}"}},
                  "allow_no_indices expand_wildcards features flat_settings ignore_unavailable "
                  "include_defaults local master_timeout", false));
  c.push_back(api("indices.delete", "indices:admin/delete", T::PathIndex, {{M::Delete, "/{index}"}},
                  "allow_no_indices expand_wildcards ignore_unavailable master_timeout timeout"));
  c.push_back(api("indices.refresh", "indices:admin/refresh", T::PathIndex,
                  {{M::Post, "/_refresh"}, {M::Get, "/_refresh"},
                   {M::Post, "/{index}/_refresh"}, {M::Get, "/{index}/_refresh"}},
                  "allow_no_indices expand_wildcards ignore_unavailable"));
  c.push_back(api("indices.get_mapping", "indices:admin/mappings/get", T::PathIndex,
                  {{M::Get, "/_mapping"}, {M::Get, "/{index}/_mapping"}},
                  "allow_no_indices expand_wildcards ignore_unavailable local master_timeout"));
  c.push_back(api("indices.put_mapping", "indices:admin/mapping/put", T::PathIndex,
                  {{M::Put, "/{index}/_mapping"}, {M::Post, "/{index}/_mapping"}},
                  "allow_no_indices expand_wildcards ignore_unavailable master_timeout timeout "
                  "write_index_only"));
  c.push_back(api("indices.get_settings", "indices:monitor/settings/get", T::PathIndex,
                  {{M::Get, "/_settings"}, {M::Get, "/{index}/_settings"}},
                  "allow_no_indices expand_wildcards flat_settings ignore_unavailable "
                  "include_defaults local master_timeout", false));

  // Documents.
  c.push_back(api("index", "indices:data/write/index", T::PathIndex,
                  {{M::Put, "/{index}/_doc/{id}"}, {M::Post, "/{index}/_doc/{id}"},
                   {M::Post, "/{index}/_doc"}},
                  "if_primary_term if_seq_no include_source_on_error op_type pipeline refresh "
                  "require_alias require_data_stream routing timeout version version_type "
                  "wait_for_active_shards"));
  c.push_back(api("create", "indices:data/write/index", T::PathIndex,
                  {{M::Put, "/{index}/_create/{id}"}, {M::Post, "/{index}/_create/{id}"}},
                  "include_source_on_error pipeline refresh require_alias require_data_stream "
                  "routing timeout version version_type wait_for_active_shards"));
  c.push_back(api("update", "indices:data/write/update", T::PathIndex,
                  {{M::Post, "/{index}/_update/{id}"}},
                  "_source _source_excludes _source_includes if_primary_term if_seq_no "
                  "include_source_on_error lang refresh require_alias retry_on_conflict routing "
                  "timeout wait_for_active_shards"));
  c.push_back(api("delete", "indices:data/write/delete", T::PathIndex,
                  {{M::Delete, "/{index}/_doc/{id}"}},
                  "if_primary_term if_seq_no refresh routing timeout version version_type "
                  "wait_for_active_shards"));
  c.push_back(api("get", "indices:data/read/get", T::PathIndex, {{M::Get, "/{index}/_doc/{id}"}},
                  kGetParams));
  c.push_back(api("exists", "indices:data/read/get", T::PathIndex,
                  {{M::Head, "/{index}/_doc/{id}"}}, kExistsParams, false));
  c.push_back(api("get_source", "indices:data/read/get", T::PathIndex,
                  {{M::Get, "/{index}/_source/{id}"}}, kSourceParams, false));
  c.push_back(api("exists_source", "indices:data/read/get", T::PathIndex,
                  {{M::Head, "/{index}/_source/{id}"}}, kSourceParams, false));
  c.push_back(api("mget", "indices:data/read/mget", T::PathIndex,
                  {{M::Get, "/_mget"}, {M::Post, "/_mget"}, {M::Get, "/{index}/_mget"},
                   {M::Post, "/{index}/_mget"}},
                  "_source _source_excludes _source_includes force_synthetic_source preference "
                  "realtime refresh routing stored_fields"));
  c.push_back(api("bulk", "indices:data/write/bulk", T::Items,
                  {{M::Post, "/_bulk"}, {M::Put, "/_bulk"}, {M::Post, "/{index}/_bulk"},
                   {M::Put, "/{index}/_bulk"}},
                  "_source _source_excludes _source_includes include_source_on_error "
                  "list_executed_pipelines pipeline refresh require_alias require_data_stream "
                  "routing timeout wait_for_active_shards"));

  // Search.
  c.push_back(api("search", "indices:data/read/search", T::PathIndex,
                  {{M::Get, "/_search"}, {M::Post, "/_search"}, {M::Get, "/{index}/_search"},
                   {M::Post, "/{index}/_search"}},
                  kSearchParams));
  c.push_back(api("count", "indices:data/read/search", T::PathIndex,
                  {{M::Post, "/_count"}, {M::Get, "/_count"}, {M::Post, "/{index}/_count"},
                   {M::Get, "/{index}/_count"}},
                  "allow_no_indices analyze_wildcard analyzer default_operator df expand_wildcards "
                  "ignore_throttled ignore_unavailable lenient min_score preference "
                  "project_routing q routing terminate_after"));
  c.push_back(api("scroll", "indices:data/read/scroll", T::Authenticated,
                  {{M::Get, "/_search/scroll"}, {M::Post, "/_search/scroll"},
                   {M::Get, "/_search/scroll/{scroll_id}"}, {M::Post, "/_search/scroll/{scroll_id}"}},
                  "rest_total_hits_as_int scroll scroll_id"));
  c.push_back(api("clear_scroll", "indices:data/read/scroll/clear", T::Authenticated,
                  {{M::Delete, "/_search/scroll"}, {M::Delete, "/_search/scroll/{scroll_id}"}}, ""));
  c.push_back(api("delete_by_query", "indices:data/write/delete/byquery", T::PathIndex,
                  {{M::Post, "/{index}/_delete_by_query"}},
                  "allow_no_indices analyze_wildcard analyzer conflicts default_operator df "
                  "expand_wildcards from ignore_unavailable lenient max_docs preference q refresh "
                  "request_cache requests_per_second routing scroll scroll_size search_timeout "
                  "search_type slices sort stats terminate_after timeout version "
                  "wait_for_active_shards wait_for_completion"));

  // Ingest.
  c.push_back(api("ingest.put_pipeline", "cluster:admin/ingest/pipeline/put", T::Cluster,
                  {{M::Put, "/_ingest/pipeline/{id}"}}, "if_version master_timeout timeout", false));
  c.push_back(api("ingest.get_pipeline", "cluster:admin/ingest/pipeline/get", T::Cluster,
                  {{M::Get, "/_ingest/pipeline"}, {M::Get, "/_ingest/pipeline/{id}"}},
                  "master_timeout summary", false));
  c.push_back(api("ingest.delete_pipeline", "cluster:admin/ingest/pipeline/delete", T::Cluster,
                  {{M::Delete, "/_ingest/pipeline/{id}"}}, "master_timeout timeout", false));

  // Connector API: index privileges on the connector indices, as the ent-search test
  // cluster's roles.yml grants them.
  c.push_back(connector("connector.put", writes("put"), M::Put, "/_connector/{connector_id}"));
  c.back().routes.push_back({M::Put, "/_connector"});
  c.push_back(connector("connector.post", writes("post"), M::Post, "/_connector"));
  c.push_back(connector("connector.get", reads("get"), M::Get, "/_connector/{connector_id}",
                        "include_deleted"));
  c.push_back(connector("connector.list", reads("list"), M::Get, "/_connector",
                        "connector_name from include_deleted index_name query service_type size"));
  c.push_back(connector("connector.delete", writes("delete"), M::Delete, "/_connector/{connector_id}",
                        "delete_sync_jobs hard"));
  c.push_back(connector("connector.check_in", writes("update_last_seen"), M::Put,
                        "/_connector/{connector_id}/_check_in"));
  c.push_back(connector("connector.last_sync", writes("update_last_sync_stats"), M::Put,
                        "/_connector/{connector_id}/_last_sync"));
  c.push_back(connector("connector.update_active_filtering", writes("update_filtering/activate"),
                        M::Put, "/_connector/{connector_id}/_filtering/_activate"));
  c.push_back(connector("connector.update_api_key_id", writes("update_api_key_id"), M::Put,
                        "/_connector/{connector_id}/_api_key_id"));
  c.push_back(connector("connector.update_configuration", writes("update_configuration"), M::Put,
                        "/_connector/{connector_id}/_configuration"));
  c.push_back(connector("connector.update_error", writes("update_error"), M::Put,
                        "/_connector/{connector_id}/_error"));
  c.push_back(connector("connector.update_features", writes("update_features"), M::Put,
                        "/_connector/{connector_id}/_features"));
  c.push_back(connector("connector.update_filtering", writes("update_filtering"), M::Put,
                        "/_connector/{connector_id}/_filtering"));
  c.push_back(connector("connector.update_filtering_validation",
                        writes("update_filtering/draft_validation"), M::Put,
                        "/_connector/{connector_id}/_filtering/_validation"));
  c.push_back(connector("connector.update_index_name", writes("update_index_name"), M::Put,
                        "/_connector/{connector_id}/_index_name"));
  c.push_back(connector("connector.update_name", writes("update_name"), M::Put,
                        "/_connector/{connector_id}/_name"));
  c.push_back(connector("connector.update_native", writes("update_native"), M::Put,
                        "/_connector/{connector_id}/_native"));
  c.push_back(connector("connector.update_pipeline", writes("update_pipeline"), M::Put,
                        "/_connector/{connector_id}/_pipeline"));
  c.push_back(connector("connector.update_scheduling", writes("update_scheduling"), M::Put,
                        "/_connector/{connector_id}/_scheduling"));
  c.push_back(connector("connector.update_service_type", writes("update_service_type"), M::Put,
                        "/_connector/{connector_id}/_service_type"));
  c.push_back(connector("connector.update_status", writes("update_status"), M::Put,
                        "/_connector/{connector_id}/_status"));

  c.push_back(connector("connector.sync_job_post", writes("sync_job/post"), M::Post,
                        "/_connector/_sync_job"));
  c.push_back(connector("connector.sync_job_get", reads("sync_job/get"), M::Get,
                        "/_connector/_sync_job/{connector_sync_job_id}"));
  c.push_back(connector("connector.sync_job_list", reads("sync_job/list"), M::Get,
                        "/_connector/_sync_job", "connector_id from job_type size status"));
  c.push_back(connector("connector.sync_job_delete", writes("sync_job/delete"), M::Delete,
                        "/_connector/_sync_job/{connector_sync_job_id}"));
  c.push_back(connector("connector.sync_job_cancel", writes("sync_job/cancel"), M::Put,
                        "/_connector/_sync_job/{connector_sync_job_id}/_cancel"));
  c.push_back(connector("connector.sync_job_check_in", writes("sync_job/check_in"), M::Put,
                        "/_connector/_sync_job/{connector_sync_job_id}/_check_in"));
  c.push_back(connector("connector.sync_job_claim", writes("sync_job/claim"), M::Put,
                        "/_connector/_sync_job/{connector_sync_job_id}/_claim"));
  c.push_back(connector("connector.sync_job_error", writes("sync_job/update_error"), M::Put,
                        "/_connector/_sync_job/{connector_sync_job_id}/_error"));
  c.push_back(connector("connector.sync_job_update_stats", writes("sync_job/update_stats"), M::Put,
                        "/_connector/_sync_job/{connector_sync_job_id}/_stats"));

  // Secrets: cluster actions.
  c.push_back(api("connector.secret_post", "cluster:admin/xpack/connector/secret/post", T::Cluster,
                  {{M::Post, "/_connector/_secret"}}, ""));
  c.push_back(api("connector.secret_put", "cluster:admin/xpack/connector/secret/put", T::Cluster,
                  {{M::Put, "/_connector/_secret/{id}"}}, ""));
  c.push_back(api("connector.secret_get", "cluster:admin/xpack/connector/secret/get", T::Cluster,
                  {{M::Get, "/_connector/_secret/{id}"}}, ""));
  c.push_back(api("connector.secret_delete", "cluster:admin/xpack/connector/secret/delete", T::Cluster,
                  {{M::Delete, "/_connector/_secret/{id}"}}, ""));

  // es-emulator's own control plane (docs/es-emulator.md), outside Elasticsearch's namespace.
  c.push_back(api("emulator.faults", "", T::Open,
                  {{M::Get, "/_emulator/faults"}, {M::Put, "/_emulator/faults"},
                   {M::Post, "/_emulator/faults"}, {M::Delete, "/_emulator/faults"}}, "", false));
  c.push_back(api("emulator.stats", "", T::Open,
                  {{M::Get, "/_emulator/stats"}, {M::Delete, "/_emulator/stats"}}, "", false));
  return c;
}
// clang-format on

}  // namespace

const std::vector<ApiEntry>& api_catalog() {
  static const std::vector<ApiEntry> catalog = build();
  return catalog;
}

const ApiEntry* find_api(Method method, std::string_view pattern) {
  for (const auto& entry : api_catalog()) {
    for (const auto& route : entry.routes) {
      if (route.method == method && route.pattern == pattern) return &entry;
    }
  }
  return nullptr;
}

std::span<const std::string_view> common_params() { return kCommon; }

}  // namespace connectors::emulator
