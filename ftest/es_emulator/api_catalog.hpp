#pragma once
// Every API es-emulator serves, as Elasticsearch names it, with what the REST layer needs to
// know before a handler runs:
//
//   route (method + pattern) --> ApiEntry{name, query parameters, security action, target}
//
// * The query parameters an API accepts, besides the common ones (pretty, human,
//   error_trace, filter_path, source, source_content_type). They are Elasticsearch's REST
//   spec (shared/es-spec/api/*.json) where the spec has the API, written out here so that the
//   binary needs no spec files at run time; api_catalog_test checks them against the spec.
//   Anything else is refused as Elasticsearch refuses it (unrecognized_params.hpp).
// * The transport action Elasticsearch authorizes the call as, and the indices it names,
//   for --security (security.hpp).
// * The name is also what /_emulator/stats counts requests by and what a fault's scope can
//   name.
//
// Router::add refuses a route the catalog does not list, so no endpoint can skip these
// checks.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ftest/es_emulator/rest_types.hpp"

namespace connectors::emulator {

// Which indices the security action is checked against.
enum class AuthTarget {
  Cluster,          // a cluster action: cluster privileges
  PathIndex,        // the {index} path part (a comma list or pattern); absent: any index
  ConnectorsIndex,  // .elastic-connectors-v1, as the connector API's requests declare
  SyncJobsIndex,    // .elastic-connectors-sync-jobs-v1
  Items,            // _bulk: each item is authorized against its own index
  Authenticated,    // any authenticated user (scroll continuation, clearing a scroll)
  Open,             // no credentials needed (es-emulator's own /_emulator endpoints)
};

struct ApiRoute {
  Method method;
  std::string_view pattern;  // as registered with Router::add, e.g. "/{index}/_doc/{id}"
};

struct ApiEntry {
  std::string_view name;    // "connector.put", "bulk", "emulator.faults"
  std::string action;       // "indices:data/write/xpack/connector/put"; empty for Open
  AuthTarget target;
  std::vector<ApiRoute> routes;
  std::vector<std::string_view> params;  // accepted query parameters (besides the common ones)
  bool in_spec = true;                   // Elasticsearch's REST spec copy has this API
};

// The whole catalog, in a stable order.
const std::vector<ApiEntry>& api_catalog();

// The entry serving `method` + `pattern`; nullptr when none does.
const ApiEntry* find_api(Method method, std::string_view pattern);

// The parameters every endpoint accepts.
std::span<const std::string_view> common_params();

}  // namespace connectors::emulator
