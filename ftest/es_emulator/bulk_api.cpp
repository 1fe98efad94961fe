// POST|PUT /_bulk and /{index}/_bulk.
//
// Before an item runs, two things may fail it alone, as Elasticsearch does: with
// --security, the user's privileges on the item's index (403 security_exception), and an
// injected reject_items fault (429 es_rejected_execution_exception).

#include "ftest/es_emulator/bulk.hpp"
#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/router.hpp"

namespace connectors::emulator {
namespace {

// The action Elasticsearch authorizes a bulk item as.
std::string_view item_action(BulkAction::Type type) {
  switch (type) {
    case BulkAction::Type::Index: return "indices:data/write/index:op_type/index";
    case BulkAction::Type::Create: return "indices:data/write/index:op_type/create";
    case BulkAction::Type::Update: return "indices:data/write/update";
    case BulkAction::Type::Delete: return "indices:data/write/delete";
  }
  return "indices:data/write/index";
}

}  // namespace

void register_bulk_api(Router& router, Cluster& cluster) {
  const Security* security = router.security();
  auto bulk = [&cluster, security](const Request& request, const PathParams& path) {
    const auto started = std::chrono::steady_clock::now();
    BulkDefaults defaults;
    defaults.index = path.get("index");
    defaults.pipeline = request.params.get("pipeline");
    BulkOptions options;
    const auto refresh = request.params.get("refresh");
    if (refresh) {
      if (refresh->empty() || *refresh == "true" || *refresh == "wait_for") {
        options.refresh = true;
      } else if (*refresh != "false") {
        throw bad_request("Unknown value for refresh: [" + *refresh + "].");
      }
    }
    const auto actions = parse_bulk(request.body, defaults);

    const User* user = path.user();
    const bool faults = cluster.faults().active();
    ItemGate gate;
    if ((security && user) || faults) {
      gate = [&](const BulkAction& action) -> std::optional<EsError> {
        if (security && user) {
          if (auto denial = security->authorize(*user, item_action(action.type), {action.index})) {
            return denial;
          }
        }
        if (faults) {
          return cluster.faults().reject_item(FaultTarget{request.method, request.path, "bulk"},
                                              action.index);
        }
        return std::nullopt;
      };
    }
    BulkCounts counts;
    std::string body = execute_bulk(cluster.docs(), actions, options, started, gate, &counts);
    cluster.stats().record_bulk(counts);
    if (refresh && *refresh == "wait_for") {
      // wait_for answers without forced_refresh.
      std::string::size_type at = 0;
      constexpr std::string_view kForced = ",\"forced_refresh\":true";
      while ((at = body.find(kForced, at)) != std::string::npos) body.erase(at, kForced.size());
    }
    return ok(std::move(body));
  };
  router.add(Method::Post, "/_bulk", bulk);
  router.add(Method::Put, "/_bulk", bulk);
  router.add(Method::Post, "/{index}/_bulk", bulk);
  router.add(Method::Put, "/{index}/_bulk", bulk);
}

}  // namespace connectors::emulator
