// es-emulator's own control plane, outside Elasticsearch's namespace (docs/es-emulator.md):
//
//   GET|PUT|POST|DELETE /_emulator/faults   inspect, replace, add to or clear injected faults
//   GET|DELETE /_emulator/stats             the server's counters, and resetting them
//
// These endpoints need no credentials with --security, are never faulted and are not
// counted.

#include <boost/json.hpp>

#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

json::object index_stats(Store& store) {
  IndicesOptions all;
  all.expand_hidden = true;
  json::object indices;
  for (const auto& index : store.resolve("*", all)) {
    indices[index->name()] = json::object{{"docs", index->live_count()},
                                          {"searchable_docs", index->visible_count()},
                                          {"memory_bytes", index->memory_bytes()}};
  }
  return indices;
}

}  // namespace

void register_emulator_api(Router& router, Cluster& cluster) {
  FaultInjector& faults = cluster.faults();
  router.add(Method::Get, "/_emulator/faults", [&faults](const Request&, const PathParams&) {
    return ok(to_json(faults.describe()));
  });
  router.add(
      Method::Put, "/_emulator/faults", [&faults](const Request& request, const PathParams&) {
        faults.replace(parse_json(request.body.empty() ? std::string_view("{}") : request.body));
        return ok(to_json(faults.describe()));
      });
  router.add(Method::Post, "/_emulator/faults",
             [&faults](const Request& request, const PathParams&) {
               const std::size_t position = faults.add(parse_json(request.body));
               return ok(to_json(json::object{{"acknowledged", true}, {"position", position}}));
             });
  router.add(Method::Delete, "/_emulator/faults", [&faults](const Request&, const PathParams&) {
    faults.clear();
    return ok("{\"acknowledged\":true}");
  });

  router.add(Method::Get, "/_emulator/stats", [&cluster](const Request&, const PathParams&) {
    json::object out = cluster.stats().describe();
    out["indices"] = index_stats(cluster.store());
    out["faults"] = cluster.faults().describe()["faults"];
    return ok(to_json(out));
  });
  router.add(Method::Delete, "/_emulator/stats", [&cluster](const Request&, const PathParams&) {
    cluster.stats().reset();
    return ok("{\"acknowledged\":true}");
  });
}

}  // namespace connectors::emulator
