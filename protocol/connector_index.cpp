#include "protocol/connector_index.hpp"

#include <boost/json/serialize.hpp>

namespace connectors::protocol {
namespace json = boost::json;

void ensure_system_indices(EsClient& client, std::stop_token stop) {
  for (std::string_view index : {kConnectorsConcreteIndex, kJobsConcreteIndex}) {
    const std::string target = "/" + encode_path_segment(index);
    RequestOptions head;
    head.accept_statuses = {404};
    if (client.request(HttpMethod::kHead, target, {}, head, stop).status == 200) continue;
    // Another instance may create it between our HEAD and PUT: that is fine.
    RequestOptions put;
    put.accept_statuses = {400};
    const EsResponse response = client.request(HttpMethod::kPut, target, {}, put, stop);
    if (response.status == 400 &&
        response.body.find("resource_already_exists_exception") == std::string::npos) {
      throw EsError(400, "", "could not create " + std::string(index) + ": " + response.body,
                    "PUT " + target);
    }
  }
}

std::vector<json::value> search_all(EsClient& client, std::string_view index,
                                    const json::object& body, std::stop_token stop,
                                    std::size_t page_size) {
  std::vector<json::value> hits;
  const std::string target = "/" + encode_path_segment(index) + "/_search?expand_wildcards=hidden";
  std::size_t from = 0;
  while (true) {
    json::object page = body;
    page["from"] = from;
    page["size"] = page_size;
    RequestOptions options;
    options.accept_statuses = {404};  // the index does not exist yet: nothing to find
    const EsResponse response =
        client.request(HttpMethod::kPost, target, json::serialize(page), options, stop);
    if (response.status == 404) return hits;
    const json::value parsed = response.json();
    const json::value* total = parsed.at("hits").as_object().if_contains("total");
    const auto& page_hits = parsed.at("hits").at("hits").as_array();
    for (const auto& hit : page_hits) hits.push_back(hit);
    std::size_t total_count = hits.size();
    if (total && total->is_object()) total_count = total->at("value").to_number<std::size_t>();
    from += page_hits.size();
    if (page_hits.empty() || from >= total_count) return hits;
  }
}

std::vector<ConnectorDocument> ConnectorIndex::find(const std::vector<std::string>& ids,
                                                    const std::vector<std::string>& service_types,
                                                    std::stop_token stop) {
  if (ids.empty() && service_types.empty()) return {};
  json::array should;
  if (!ids.empty()) {
    json::array id_values;
    for (const auto& id : ids) id_values.emplace_back(id);
    should.push_back(json::object{{"terms", json::object{{"_id", std::move(id_values)}}}});
  }
  if (!service_types.empty()) {
    json::array types;
    for (const auto& t : service_types) types.emplace_back(t);
    json::array filter;
    filter.push_back(json::object{{"terms", json::object{{"service_type", std::move(types)}}}});
    filter.push_back(json::object{{"term", json::object{{"is_native", false}}}});
    should.push_back(json::object{{"bool", json::object{{"filter", std::move(filter)}}}});
  }
  json::array must_not;
  must_not.push_back(json::object{{"term", json::object{{"deleted", true}}}});
  json::object query{{"bool", json::object{{"must_not", std::move(must_not)},
                                           {"should", std::move(should)},
                                           {"minimum_should_match", 1}}}};
  json::object body{{"query", std::move(query)}, {"seq_no_primary_term", true}};

  std::vector<ConnectorDocument> connectors;
  for (const auto& hit : search_all(client_, kConnectorsIndex, body, stop)) {
    connectors.push_back(ConnectorDocument::from_hit(hit));
  }
  return connectors;
}

std::optional<ConnectorDocument> ConnectorIndex::get(const std::string& id, std::stop_token stop) {
  RequestOptions options;
  options.accept_statuses = {404};
  const EsResponse response =
      client_.request(HttpMethod::kGet,
                      "/" + std::string(kConnectorsIndex) + "/_doc/" + encode_path_segment(id), {},
                      options, stop);
  if (response.status == 404) return std::nullopt;
  return ConnectorDocument::from_hit(response.json());
}

void ConnectorIndex::update(const std::string& id, const json::object& doc,
                            const std::optional<SeqNo>& expected, std::stop_token stop) {
  std::string target = "/" + std::string(kConnectorsIndex) + "/_update/" + encode_path_segment(id);
  if (expected) {
    target += "?if_seq_no=" + std::to_string(expected->seq_no) +
              "&if_primary_term=" + std::to_string(expected->primary_term);
  }
  RequestOptions options;
  options.accept_statuses = {409};
  const EsResponse response = client_.request(
      HttpMethod::kPost, target, json::serialize(json::object{{"doc", doc}}), options, stop);
  if (response.status == 409) {
    throw VersionConflict("connector [" + id + "] changed since it was read");
  }
}

void ConnectorIndex::check_in(const std::string& id, std::stop_token stop) {
  client_.request(HttpMethod::kPut, "/_connector/" + encode_path_segment(id) + "/_check_in", {},
                  {}, stop);
}

void ConnectorIndex::update_filtering_validation(const std::string& id, const json::object& validation,
                                                 std::stop_token stop) {
  client_.request(HttpMethod::kPut, "/_connector/" + encode_path_segment(id) + "/_filtering/_validation",
                  json::serialize(json::object{{"validation", validation}}), {}, stop);
}

void ConnectorIndex::activate_filtering(const std::string& id, std::stop_token stop) {
  client_.request(HttpMethod::kPut, "/_connector/" + encode_path_segment(id) + "/_filtering/_activate", {}, {},
                  stop);
}

std::vector<std::string> ConnectorIndex::all_ids(std::stop_token stop) {
  const json::object body{{"query", json::object{{"match_all", json::object{}}}}, {"_source", false}};
  std::vector<std::string> ids;
  for (const auto& hit : search_all(client_, kConnectorsIndex, body, stop)) {
    ids.emplace_back(hit.at("_id").as_string());
  }
  return ids;
}

}  // namespace connectors::protocol
