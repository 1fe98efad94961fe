// POST|PUT /_bulk and /{index}/_bulk.

#include "ftest/es_emulator/bulk.hpp"
#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/router.hpp"

namespace connectors::emulator {

void register_bulk_api(Router& router, Cluster& cluster) {
  auto bulk = [&cluster](const Request& request, const PathParams& path) {
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
    std::string body = execute_bulk(cluster.docs(), actions, options, started);
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
