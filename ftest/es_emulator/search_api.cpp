// Search endpoints: _search, _count, scroll (continue and clear) and _delete_by_query.

#include <chrono>

#include <boost/json.hpp>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/search.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;
using std::chrono::steady_clock;

std::chrono::milliseconds keep_alive_value(std::string_view text, std::string_view setting) {
  const auto value = parse_time_value(text);
  if (!value || value->count() < 0) {
    throw EsError(400, "parse_exception",
                  "failed to parse setting [" + std::string(setting) + "] with value [" +
                      std::string(text) + "] as a time value: unit is missing or unrecognized");
  }
  ScrollRegistry::check_keep_alive(*value, text);
  return *value;
}

std::int64_t took_since(steady_clock::time_point started) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - started)
      .count();
}

std::vector<std::shared_ptr<Index>> searchable(Cluster& cluster, const std::string& expression,
                                               const Params& params) {
  auto indices = cluster.store().resolve(expression, IndicesOptions::from_params(params));
  const auto now = cluster.clock().steady_now();
  for (const auto& index : indices) index->maybe_refresh(now);
  return indices;
}

}  // namespace

void register_search_api(Router& router, Cluster& cluster) {
  auto search_handler = [&cluster](const Request& request, const PathParams& path) {
    const auto started = steady_clock::now();
    const json::object body = body_object(request, false);
    SearchRequest search = parse_search_request(has_body(request) ? &body : nullptr, request.params,
                                                cluster.clock().now());
    auto indices = searchable(cluster, path.get("index"), request.params);
    if (const auto scroll = request.params.get("scroll")) {
      const auto keep_alive = keep_alive_value(*scroll, "scroll");
      if (search.from > 0)
        throw validation_failed({"using [from] is not allowed in a scroll context"});
      if (search.size > kMaxResultWindow) {
        throw bad_request(
            "Batch size is too large, size must be less than or equal to: [" +
            std::to_string(kMaxResultWindow) + "] but was [" + std::to_string(search.size) +
            "]. Scroll batch sizes cost as much memory as result windows so they are controlled by "
            "the [index.max_result_window] index level setting.");
      }
      SearchResult result = run_search(std::move(indices), search, true);
      std::string first_page = render_search(result, search, 0, search.size, 0, std::nullopt);
      const std::string id = cluster.scrolls().open(std::move(result), search, keep_alive);
      // The id goes first, as Elasticsearch writes it.
      return ok("{\"_scroll_id\":\"" + id + "\"," + first_page.substr(1));
    }
    const SearchResult result = run_search(std::move(indices), search, false);
    return ok(
        render_search(result, search, search.from, search.size, took_since(started), std::nullopt));
  };
  router.add(Method::Get, "/_search", search_handler);
  router.add(Method::Post, "/_search", search_handler);
  router.add(Method::Get, "/{index}/_search", search_handler);
  router.add(Method::Post, "/{index}/_search", search_handler);

  auto count = [&cluster](const Request& request, const PathParams& path) {
    const json::object body = body_object(request, false);
    if (request.params.has("q"))
      throw bad_request("the [q] parameter is not supported by es-emulator");
    const Query query =
        parse_count_request(has_body(request) ? &body : nullptr, cluster.clock().now());
    const auto indices = searchable(cluster, path.get("index"), request.params);
    const std::int64_t n = run_count(indices, query);
    return ok("{\"count\":" + std::to_string(n) + ",\"_shards\":" + shards_json(indices.size()) +
              "}");
  };
  router.add(Method::Get, "/_count", count);
  router.add(Method::Post, "/_count", count);
  router.add(Method::Get, "/{index}/_count", count);
  router.add(Method::Post, "/{index}/_count", count);

  auto scroll = [&cluster](const Request& request, const PathParams& path) {
    std::string scroll_id = path.get("scroll_id");
    std::optional<std::chrono::milliseconds> keep_alive;
    if (has_body(request)) {
      const json::object body = body_object(request, false);
      for (const auto& member : body) {
        if (member.key() == "scroll_id" && member.value().is_string()) {
          scroll_id = std::string(member.value().get_string());
        } else if (member.key() == "scroll" && member.value().is_string()) {
          keep_alive = keep_alive_value(member.value().get_string(), "scroll");
        } else {
          throw bad_request("Unknown parameter [" + std::string(member.key()) +
                            "] in request body or parameter is of the wrong type[" +
                            (member.value().is_string() ? "VALUE_STRING" : "START_OBJECT") + "] ");
        }
      }
    }
    if (const auto id = request.params.get("scroll_id")) scroll_id = *id;
    if (const auto s = request.params.get("scroll")) keep_alive = keep_alive_value(*s, "scroll");
    if (scroll_id.empty()) throw validation_failed({"scrollId is missing"});
    std::optional<bool> as_int;
    if (request.params.has("rest_total_hits_as_int"))
      as_int = request.params.get_bool("rest_total_hits_as_int", false);
    return ok(cluster.scrolls().next_page(scroll_id, keep_alive, as_int));
  };
  router.add(Method::Get, "/_search/scroll", scroll);
  router.add(Method::Post, "/_search/scroll", scroll);
  router.add(Method::Get, "/_search/scroll/{scroll_id}", scroll);
  router.add(Method::Post, "/_search/scroll/{scroll_id}", scroll);

  auto clear_scroll = [&cluster](const Request& request, const PathParams& path) {
    std::vector<std::string> ids = split_list(path.get("scroll_id"));
    if (has_body(request)) {
      const json::object body = body_object(request, false);
      for (const auto& member : body) {
        if (member.key() != "scroll_id") {
          throw bad_request("Unknown parameter [" + std::string(member.key()) +
                            "] in request body");
        }
        const auto& v = member.value();
        if (v.is_string()) {
          ids.emplace_back(v.get_string());
        } else if (v.is_array()) {
          for (const auto& e : v.get_array()) {
            if (!e.is_string())
              throw bad_request("scroll_id array element should only contain scroll_id");
            ids.emplace_back(e.get_string());
          }
        } else {
          throw bad_request(
              "Unknown parameter [scroll_id] in request body or parameter is of the wrong type");
        }
      }
    }
    if (ids.empty()) throw validation_failed({"no scroll ids specified"});
    std::size_t freed = 0;
    if (std::find(ids.begin(), ids.end(), "_all") != ids.end()) {
      freed = cluster.scrolls().clear_all();
    } else {
      freed = cluster.scrolls().clear(ids);
    }
    return json_response(freed == 0 ? 404 : 200,
                         "{\"succeeded\":true,\"num_freed\":" + std::to_string(freed) + "}");
  };
  router.add(Method::Delete, "/_search/scroll", clear_scroll);
  router.add(Method::Delete, "/_search/scroll/{scroll_id}", clear_scroll);

  router.add(Method::Post, "/{index}/_delete_by_query",
             [&cluster](const Request& request, const PathParams& path) {
               const auto started = steady_clock::now();
               const json::object body = body_object(request, true);
               SearchRequest search;
               std::int64_t max_docs = request.params.get_long("max_docs").value_or(-1);
               for (const auto& member : body) {
                 if (member.key() == "query") {
                   search.query = Query::parse(member.value(), cluster.clock().now());
                 } else if (member.key() == "max_docs" && member.value().is_int64()) {
                   max_docs = member.value().get_int64();
                 } else if (member.key() == "conflicts") {
                   continue;
                 } else {
                   throw parsing_exception("Unknown key for a START_OBJECT in [" +
                                           std::string(member.key()) + "].");
                 }
               }
               if (request.params.get_bool("wait_for_completion", true) == false) {
                 throw bad_request("wait_for_completion=false is not supported by es-emulator");
               }
               auto indices = searchable(cluster, path.get("index"), request.params);
               search.size = 0;
               const SearchResult result = run_search(std::move(indices), search, true);
               std::int64_t deleted = 0;
               std::int64_t conflicts = 0;
               for (const auto& hit : result.hits) {
                 if (max_docs >= 0 && deleted >= max_docs) break;
                 // Elasticsearch deletes with the version it searched: a newer write is a conflict.
                 DeleteOp op{hit.index->name(),
                             std::string(hit.doc->id()),
                             {hit.doc->seq_no(), kPrimaryTerm}};
                 const OpResult r = cluster.docs().remove(op);
                 if (r.ok() && r.outcome.result == WriteResult::Deleted) {
                   ++deleted;
                 } else {
                   ++conflicts;
                 }
               }
               if (request.params.get_bool("refresh", false)) {
                 for (const auto& index : result.indices) index->refresh();
               }
               const std::int64_t total =
                   max_docs >= 0 ? std::min<std::int64_t>(max_docs, result.total) : result.total;
               return ok(to_json(json::object{
                   {"took", took_since(started)},
                   {"timed_out", false},
                   {"total", total},
                   {"deleted", deleted},
                   {"batches", result.total == 0 ? 0 : 1},
                   {"version_conflicts", conflicts},
                   {"noops", 0},
                   {"retries", json::object{{"bulk", 0}, {"search", 0}}},
                   {"throttled_millis", 0},
                   {"requests_per_second", -1.0},
                   {"throttled_until_millis", 0},
                   {"failures", json::array{}},
               }));
             });
}

}  // namespace connectors::emulator
