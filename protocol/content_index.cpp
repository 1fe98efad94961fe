#include "protocol/content_index.hpp"

#include <boost/json/serialize.hpp>

namespace connectors::protocol {
namespace json = boost::json;

namespace {
constexpr std::string_view kScrollKeepAlive = "5m";  // Elastic's async_scan default
}

std::string ContentIndex::target(std::string_view suffix) const {
  return "/" + encode_path_segment(name_) + std::string(suffix);
}

bool ContentIndex::exists(std::stop_token stop) {
  const json::value response =
      client_.request_json(HttpMethod::kGet, target("?ignore_unavailable=true"), {}, {}, stop);
  return response.is_object() && !response.get_object().empty();
}

void ContentIndex::create(std::stop_token stop) {
  RequestOptions options;
  options.accept_statuses = {400};
  const EsResponse response = client_.request(HttpMethod::kPut, target(""), {}, options, stop);
  if (response.status == 400 &&
      response.body.find("resource_already_exists_exception") == std::string::npos) {
    const json::value parsed = response.json();
    const json::value* error = parsed.is_object() ? parsed.get_object().if_contains("error") : nullptr;
    std::string type, reason;
    if (error && error->is_object()) {
      if (const auto* t = error->get_object().if_contains("type"); t && t->is_string()) type = t->get_string();
      if (const auto* r = error->get_object().if_contains("reason"); r && r->is_string()) reason = r->get_string();
    }
    throw EsError(400, type, reason, "PUT " + target(""));
  }
}

void ContentIndex::refresh(std::stop_token stop) {
  client_.request(HttpMethod::kPost, target("/_refresh?ignore_unavailable=true"), {}, {}, stop);
}

std::int64_t ContentIndex::count(std::stop_token stop) {
  const json::value response =
      client_.request_json(HttpMethod::kPost, target("/_count?ignore_unavailable=true"), {}, {}, stop);
  return response.at("count").to_number<std::int64_t>();
}

void ContentIndex::scan_ids(const std::function<void(std::uint64_t)>& on_total,
                            const std::function<void(std::string_view)>& on_id,
                            std::stop_token stop, int page_size) {
  scan(json::value(false), on_total, [&](const json::value& hit) { on_id(hit.at("_id").as_string()); }, stop,
       page_size);
}

void ContentIndex::scan_timestamps(const std::function<void(std::string_view, std::string_view)>& on_document,
                                   std::stop_token stop, int page_size) {
  scan(json::array{"_timestamp"}, [](std::uint64_t) {},
       [&](const json::value& hit) {
         std::string_view timestamp;
         if (const auto* source = hit.as_object().if_contains("_source"); source && source->is_object()) {
           if (const auto* t = source->get_object().if_contains("_timestamp"); t && t->is_string()) {
             timestamp = t->get_string();
           }
         }
         on_document(hit.at("_id").as_string(), timestamp);
       },
       stop, page_size);
}

void ContentIndex::scan(const json::value& source_filter, const std::function<void(std::uint64_t)>& on_total,
                        const std::function<void(const json::value&)>& on_hit, std::stop_token stop,
                        int page_size) {
  const json::object body{{"size", page_size},
                          {"_source", source_filter},
                          {"sort", json::array{"_doc"}},
                          {"track_total_hits", true}};
  RequestOptions options;
  options.accept_statuses = {404};
  EsResponse response =
      client_.request(HttpMethod::kPost,
                      target("/_search?scroll=" + std::string(kScrollKeepAlive) + "&ignore_unavailable=true"),
                      json::serialize(body), options, stop);
  if (response.status == 404) {
    on_total(0);
    return;
  }
  json::value page = response.json();
  std::string scroll_id;
  auto clear = [&] {
    if (scroll_id.empty()) return;
    try {
      RequestOptions quiet;
      quiet.accept_statuses = {404};
      quiet.retry = false;
      client_.request(HttpMethod::kDelete, "/_search/scroll",
                      json::serialize(json::object{{"scroll_id", json::array{json::value(scroll_id)}}}),
                      quiet, {});
    } catch (...) {
      // Best effort: the scroll expires by itself after its keep-alive.
    }
  };
  try {
    const auto& hits = page.at("hits").as_object();
    on_total(hits.at("total").at("value").to_number<std::uint64_t>());
    while (true) {
      if (const auto* id = page.as_object().if_contains("_scroll_id"); id && id->is_string()) {
        scroll_id = id->get_string();
      }
      const auto& page_hits = page.at("hits").at("hits").as_array();
      if (page_hits.empty()) break;
      for (const auto& hit : page_hits) on_hit(hit);
      if (scroll_id.empty() || page_hits.size() < static_cast<std::size_t>(page_size)) break;
      page = client_.request_json(
          HttpMethod::kPost, "/_search/scroll",
          json::serialize(json::object{{"scroll", kScrollKeepAlive}, {"scroll_id", scroll_id}}), {},
          stop);
    }
  } catch (...) {
    clear();
    throw;
  }
  clear();
}

}  // namespace connectors::protocol
