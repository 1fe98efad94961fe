// Connector secrets: POST /_connector/_secret, PUT/GET/DELETE /_connector/_secret/{id}.
// Kept in their own store, like Elasticsearch's .connector-secrets system index.

#include <boost/json.hpp>

#include "ftest/es_emulator/body_reader.hpp"
#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

std::string secret_value(const Request& request) {
  const json::object body = body_object(request, true);
  const BodyReader reader(body, "post_secret_request", {"value"});
  const auto value = reader.string("value");
  if (!value || value->empty()) {
    throw validation_failed({"[value] of the connector secret cannot be [null] or [\"\"]"});
  }
  return *value;
}

EsError secret_missing(const std::string& id) {
  return resource_not_found("No secret with id [" + id + "]");
}

}  // namespace

void register_secret_api(Router& router, Cluster& cluster) {
  router.add(Method::Post, "/_connector/_secret",
             [&cluster](const Request& request, const PathParams&) {
               const std::string value = secret_value(request);
               const std::string id = cluster.ids().document_id();
               cluster.secrets().put(id, value);
               return ok(to_json(json::object{{"id", id}}));
             });

  router.add(Method::Put, "/_connector/_secret/{id}",
             [&cluster](const Request& request, const PathParams& path) {
               const std::string& id = path.get("id");
               if (id.empty()) throw validation_failed({"[id] cannot be null or empty"});
               const bool created = cluster.secrets().put(id, secret_value(request));
               return json_response(
                   created ? 201 : 200,
                   to_json(json::object{{"result", created ? "created" : "updated"}}));
             });

  router.add(Method::Get, "/_connector/_secret/{id}",
             [&cluster](const Request&, const PathParams& path) {
               const std::string& id = path.get("id");
               const auto value = cluster.secrets().get(id);
               if (!value) throw secret_missing(id);
               return ok(to_json(json::object{{"id", id}, {"value", *value}}));
             });

  router.add(Method::Delete, "/_connector/_secret/{id}",
             [&cluster](const Request&, const PathParams& path) {
               const std::string& id = path.get("id");
               if (!cluster.secrets().remove(id)) throw secret_missing(id);
               return ok("{\"deleted\":true}");
             });
}

}  // namespace connectors::emulator
