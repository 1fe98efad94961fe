// Cluster-level endpoints: GET / (info), HEAD / (ping), GET /_license,
// GET /_cluster/health and POST /_features/_reset (wipes everything, for test isolation).

#include <boost/json.hpp>

#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

int major_of(const std::string& version) {
  try {
    return std::stoi(version);
  } catch (const std::exception&) {
    return 9;
  }
}

json::object info_body(const Cluster& cluster) {
  const auto& config = cluster.config();
  const int major = major_of(config.es_version);
  const std::string wire = major >= 9   ? "8.19.0"
                           : major == 8 ? "7.17.0"
                                        : std::to_string(major - 1) + ".0.0";
  const std::string index_compat = std::to_string(major - 1) + ".0.0";
  return json::object{
      {"name", config.node_name},
      {"cluster_name", config.cluster_name},
      {"cluster_uuid", cluster.cluster_uuid()},
      {"version",
       json::object{
           {"number", config.es_version},
           {"build_flavor", "default"},
           {"build_type", "tar"},
           {"build_hash", "e6ba1ea0dd3dfd3d5dbf1e9e4f3c2f6c8c4c5e7a"},
           {"build_date", "2025-10-01T00:00:00.000000000Z"},
           {"build_snapshot", false},
           {"lucene_version", major >= 9 ? "10.3.1" : "9.12.0"},
           {"minimum_wire_compatibility_version", wire},
           {"minimum_index_compatibility_version", index_compat},
       }},
      {"tagline", "You Know, for Search"},
  };
}

}  // namespace

void register_cluster_api(Router& router, Cluster& cluster) {
  router.add(Method::Get, "/", [&cluster](const Request&, const PathParams&) {
    return ok(to_json(info_body(cluster)));
  });
  router.add(Method::Head, "/", [](const Request&, const PathParams&) { return ok(""); });

  router.add(Method::Get, "/_license", [&cluster](const Request&, const PathParams&) {
    const std::string type = cluster.config().license_type;
    json::object license{
        {"status", "active"},
        {"uid", cluster.cluster_uuid()},
        {"type", type},
        {"issue_date", "2025-01-01T00:00:00.000Z"},
        {"issue_date_in_millis", 1735689600000LL},
        {"max_nodes", 1000},
        {"max_resource_units", nullptr},
        {"issued_to", cluster.config().cluster_name},
        {"issuer", "elasticsearch"},
        {"start_date_in_millis", -1},
    };
    if (type != "basic") {
      license["expiry_date"] = "2099-01-01T00:00:00.000Z";
      license["expiry_date_in_millis"] = 4070908800000LL;
    }
    return ok(to_json(json::object{{"license", license}}));
  });

  router.add(Method::Get, "/_cluster/health", [&cluster](const Request&, const PathParams&) {
    return ok(to_json(json::object{
        {"cluster_name", cluster.config().cluster_name},
        {"status", "green"},
        {"timed_out", false},
        {"number_of_nodes", 1},
        {"number_of_data_nodes", 1},
        {"active_primary_shards", 0},
        {"active_shards", 0},
        {"relocating_shards", 0},
        {"initializing_shards", 0},
        {"unassigned_shards", 0},
        {"delayed_unassigned_shards", 0},
        {"number_of_pending_tasks", 0},
        {"number_of_in_flight_fetch", 0},
        {"task_max_waiting_in_queue_millis", 0},
        {"active_shards_percent_as_number", 100.0},
    }));
  });

  router.add(Method::Post, "/_features/_reset", [&cluster](const Request&, const PathParams&) {
    cluster.reset();
    return ok(to_json(json::object{
        {"features",
         json::array{json::object{{"feature_name", "enterprise_search"}, {"status", "SUCCESS"}},
                     json::object{{"feature_name", "es-emulator"}, {"status", "SUCCESS"}}}}}));
  });
}

}  // namespace connectors::emulator
