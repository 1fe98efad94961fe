// Ingest pipeline endpoints: PUT/GET/DELETE /_ingest/pipeline/{id}, GET /_ingest/pipeline.

#include <boost/json.hpp>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {

void register_ingest_api(Router& router, Cluster& cluster) {
  PipelineRegistry& pipelines = cluster.pipelines();

  router.add(Method::Put, "/_ingest/pipeline/{id}",
             [&pipelines](const Request& request, const PathParams& path) {
               const boost::json::object body = body_object(request, true);
               pipelines.put(path.get("id"), body);
               return ok("{\"acknowledged\":true}");
             });

  auto get = [&pipelines](const Request&, const PathParams& path) {
    const auto patterns = split_list(path.get("id"));
    boost::json::object out;
    for (const auto& [id, definition] : pipelines.list()) {
      bool wanted = patterns.empty();
      for (const auto& p : patterns) wanted |= wildcard_match(p, id);
      if (wanted) out[id] = definition;
    }
    if (out.empty() && !patterns.empty()) return json_response(404, "{}");
    return ok(to_json(out));
  };
  router.add(Method::Get, "/_ingest/pipeline/{id}", get);
  router.add(Method::Get, "/_ingest/pipeline", get);

  router.add(Method::Delete, "/_ingest/pipeline/{id}",
             [&pipelines](const Request&, const PathParams& path) {
               const std::string& id = path.get("id");
               if (!pipelines.remove(id)) {
                 throw resource_not_found("pipeline [" + id + "] is missing");
               }
               return ok("{\"acknowledged\":true}");
             });
}

}  // namespace connectors::emulator
