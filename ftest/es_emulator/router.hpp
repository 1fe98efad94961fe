#pragma once
// The pure REST layer: Request in, Response out, no socket in sight.
//
//   Request --content-type check--> route match (literal segments beat {params})
//           --handler--> Response | EsError --> ES error body
//           --filter_path, pretty, HEAD--> Response
//
// Between the route match and the handler, as in Elasticsearch: with --security the caller
// is authenticated (401), then query parameters the API does not declare are refused
// (400, api_catalog.hpp), then the API's action is authorized (403); injected faults
// (fault_injector.hpp) come last. Every answer is counted in the cluster's ServerStats.
//
// As in Elasticsearch's RestController, the matching routes are tried from the most
// specific (literal segments first) and the first one with the request's method wins; so
// PUT /_search creates (or rather refuses) an index named "_search", as Elasticsearch does.
// A path no route matches answers 400 "no handler found for uri [...] and method [...]", a
// path whose routes all lack the method 405 "Incorrect HTTP method for uri [...] and method
// [...], allowed: [...]", both in the bare {"error": "..."} form Elasticsearch uses.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ftest/es_emulator/api_catalog.hpp"
#include "ftest/es_emulator/cluster.hpp"
#include "ftest/es_emulator/rest_types.hpp"
#include "ftest/es_emulator/security.hpp"

namespace connectors::emulator {

// What the router learned about a request before its handler runs: the decoded {parts}
// of the path and, with --security, the authenticated user.
class PathParams {
 public:
  void add(std::string name, std::string value) {
    values_.emplace_back(std::move(name), std::move(value));
  }
  // The decoded value of {name}; empty when the route has no such part.
  const std::string& get(std::string_view name) const;
  bool has(std::string_view name) const;

  void set_user(const User* user) { user_ = user; }
  const User* user() const { return user_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  const User* user_ = nullptr;
};

using Handler = std::function<Response(const Request&, const PathParams&)>;

class Router {
 public:
  // Registers every API. `security` (not owned, may be null: security off) must outlive
  // the router.
  explicit Router(Cluster& cluster, const Security* security = nullptr);

  Response handle(const Request& request) const;

  // Pattern segments: literals or "{name}" (any segment, even empty). Throws
  // std::logic_error when api_catalog has no entry for the route.
  void add(Method method, std::string_view pattern, Handler handler);

  Cluster& cluster() const { return cluster_; }
  const Security* security() const { return security_; }

 private:
  struct Segment {
    std::string text;
    bool param = false;
  };
  struct Route {
    Method method;
    std::vector<Segment> segments;
    const ApiEntry* api;
    Handler handler;
  };

  // `api` is set to the matched route's entry (null when none matched).
  Response dispatch(const Request& request, const ApiEntry*& api) const;
  // 401, unknown parameters, 403: throws EsError. Returns the user (null: security off).
  const User* admit(const Request& request, const ApiEntry& api, const PathParams& params) const;

  Cluster& cluster_;
  const Security* security_;
  std::vector<Route> routes_;
};

// JSON response helpers for handlers.
Response json_response(unsigned status, std::string body);
Response ok(std::string body);
// Parses the body as a JSON object; `required` makes an empty body a 400
// ("request body is required"). Returns an empty object for an absent optional body.
boost::json::object body_object(const Request& request, bool required);
bool has_body(const Request& request);

// Registration of each API family (one file each).
void register_cluster_api(Router& router, Cluster& cluster);
void register_index_api(Router& router, Cluster& cluster);
void register_document_api(Router& router, Cluster& cluster);
void register_search_api(Router& router, Cluster& cluster);
void register_bulk_api(Router& router, Cluster& cluster);
void register_ingest_api(Router& router, Cluster& cluster);
void register_connector_api(Router& router, Cluster& cluster);
void register_sync_job_api(Router& router, Cluster& cluster);
void register_secret_api(Router& router, Cluster& cluster);
void register_emulator_api(Router& router, Cluster& cluster);

}  // namespace connectors::emulator
