#pragma once
// The pure REST layer: Request in, Response out, no socket in sight.
//
//   Request --content-type check--> route match (literal segments beat {params})
//           --handler--> Response | EsError --> ES error body
//           --filter_path, pretty, HEAD--> Response
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

#include "ftest/es_emulator/cluster.hpp"
#include "ftest/es_emulator/rest_types.hpp"

namespace connectors::emulator {

class PathParams {
 public:
  void add(std::string name, std::string value) {
    values_.emplace_back(std::move(name), std::move(value));
  }
  // The decoded value of {name}; empty when the route has no such part.
  const std::string& get(std::string_view name) const;
  bool has(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

using Handler = std::function<Response(const Request&, const PathParams&)>;

class Router {
 public:
  explicit Router(Cluster& cluster);  // registers every API

  Response handle(const Request& request) const;

  // Pattern segments: literals or "{name}" (any segment, even empty).
  void add(Method method, std::string_view pattern, Handler handler);

  Cluster& cluster() const { return cluster_; }

 private:
  struct Segment {
    std::string text;
    bool param = false;
  };
  struct Route {
    Method method;
    std::vector<Segment> segments;
    Handler handler;
  };

  Response dispatch(const Request& request) const;

  Cluster& cluster_;
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

}  // namespace connectors::emulator
