#include "ftest/es_emulator/search.hpp"

#include <algorithm>

#include "core/json_writer.hpp"
#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/field_values.hpp"
#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

std::int64_t read_int(const json::value& v, std::string_view key) {
  if (const auto n = long_value(v)) return *n;
  if (v.is_double() &&
      v.get_double() == static_cast<double>(static_cast<std::int64_t>(v.get_double()))) {
    return static_cast<std::int64_t>(v.get_double());
  }
  throw parsing_exception("[" + std::string(key) + "] failed to parse field, expected a number");
}

bool read_flag(const json::value& v, std::string_view key) {
  if (v.is_bool()) return v.get_bool();
  throw parsing_exception("[" + std::string(key) + "] failed to parse field, expected a boolean");
}

std::optional<std::int64_t> track_total_hits_from(const json::value& v) {
  if (v.is_bool()) return v.get_bool() ? std::optional<std::int64_t>(INT64_MAX) : std::nullopt;
  const std::int64_t n = read_int(v, "track_total_hits");
  if (n < -1)
    throw bad_request("[track_total_hits] parameter must be positive or equals to -1, got " +
                      std::to_string(n));
  if (n == -1) return INT64_MAX;
  return n;
}

std::optional<std::int64_t> track_total_hits_param(const std::string& text) {
  if (text == "true" || text.empty()) return INT64_MAX;
  if (text == "false") return std::nullopt;
  return track_total_hits_from(json::value(json::string(text)));
}

EsError shard_failure(EsError cause) {
  EsError error(cause.status(), "search_phase_execution_exception", "all shards failed");
  error.with("phase", "query");
  error.caused(std::move(cause));
  return error;
}

}  // namespace

SearchRequest parse_search_request(const json::object* body, const Params& params,
                                   core::WallTime now) {
  SearchRequest request;
  if (body) {
    for (const auto& member : *body) {
      const auto key = member.key();
      const auto& v = member.value();
      if (key == "query")
        request.query = Query::parse(v, now);
      else if (key == "post_filter")
        request.post_filter = Query::parse(v, now);
      else if (key == "from")
        request.from = read_int(v, key);
      else if (key == "size")
        request.size = read_int(v, key);
      else if (key == "sort")
        request.sort = SortSpec::parse(v);
      else if (key == "_source")
        request.source = SourceFilter::from_body(v);
      else if (key == "seq_no_primary_term")
        request.seq_no_primary_term = read_flag(v, key);
      else if (key == "version")
        request.version = read_flag(v, key);
      else if (key == "track_scores")
        request.track_scores = read_flag(v, key);
      else if (key == "track_total_hits")
        request.track_total_hits = track_total_hits_from(v);
      else if (key == "min_score") {
        if (!v.is_number()) throw parsing_exception("[min_score] must be a number");
        request.min_score = v.to_number<double>();
      } else if (key == "search_after") {
        if (!v.is_array()) throw parsing_exception("[search_after] must be an array");
        request.search_after = v.get_array();
      } else if (key == "timeout" || key == "terminate_after" || key == "stored_fields" ||
                 key == "docvalue_fields" || key == "fields" || key == "explain" ||
                 key == "highlight" || key == "profile" || key == "stats" || key == "_name") {
        continue;
      } else if (key == "aggs" || key == "aggregations" || key == "collapse" || key == "suggest" ||
                 key == "pit" || key == "knn" || key == "rescore" || key == "runtime_mappings" ||
                 key == "script_fields" || key == "indices_boost" || key == "retriever") {
        throw bad_request("[" + std::string(key) + "] is not supported by es-emulator");
      } else {
        std::string token = v.is_object() ? "START_OBJECT" : v.is_array() ? "START_ARRAY" : "VALUE";
        throw parsing_exception("Unknown key for a " + token + " in [" + std::string(key) + "].");
      }
    }
  }
  if (params.has("q"))
    throw bad_request("the [q] parameter (query string search) is not supported by es-emulator");
  if (const auto from = params.get_long("from")) request.from = *from;
  if (const auto size = params.get_long("size")) request.size = *size;
  if (const auto sort = params.get("sort")) request.sort = SortSpec::parse_param(*sort);
  request.source = SourceFilter::from_params(params, request.source);
  request.seq_no_primary_term = params.get_bool("seq_no_primary_term", request.seq_no_primary_term);
  request.version = params.get_bool("version", request.version);
  request.track_scores = params.get_bool("track_scores", request.track_scores);
  if (const auto t = params.get("track_total_hits"))
    request.track_total_hits = track_total_hits_param(*t);
  request.rest_total_hits_as_int = params.get_bool("rest_total_hits_as_int", false);
  if (request.rest_total_hits_as_int && request.track_total_hits &&
      *request.track_total_hits != INT64_MAX) {
    request.track_total_hits = INT64_MAX;
  }
  if (request.from < 0)
    throw bad_request("[from] parameter cannot be negative, found [" +
                      std::to_string(request.from) + "]");
  if (request.size < 0)
    throw bad_request("[size] parameter cannot be negative, found [" +
                      std::to_string(request.size) + "]");
  if (request.search_after && request.search_after->size() != request.sort.fields().size()) {
    throw bad_request("search_after has " + std::to_string(request.search_after->size()) +
                      " value(s) but sort has " + std::to_string(request.sort.fields().size()) +
                      ".");
  }
  return request;
}

Query parse_count_request(const json::object* body, core::WallTime now) {
  if (!body) return Query::match_all();
  Query query = Query::match_all();
  for (const auto& member : *body) {
    if (member.key() == "query") {
      query = Query::parse(member.value(), now);
    } else {
      throw parsing_exception("request does not support [" + std::string(member.key()) + "]");
    }
  }
  return query;
}

SearchResult run_search(std::vector<std::shared_ptr<Index>> indices, const SearchRequest& request,
                        bool keep_all) {
  const std::int64_t window = request.from + request.size;
  if (!keep_all && window > kMaxResultWindow) {
    throw shard_failure(
        bad_request("Result window is too large, from + size must be less than or equal to: [" +
                    std::to_string(kMaxResultWindow) + "] but was [" + std::to_string(window) +
                    "]. See the scroll api for a more efficient way to request large data sets. "
                    "This limit can be set by "
                    "changing the [index.max_result_window] index level setting."));
  }
  SearchResult result;
  result.indices = std::move(indices);
  const bool by_fields = !request.sort.empty();
  result.scored = !by_fields || request.track_scores || request.sort.sorts_by_score();
  const bool needs_source = request.query.needs_source() || request.sort.needs_source() ||
                            (request.post_filter && request.post_filter->needs_source());
  std::uint64_t ordinal = 0;
  unsigned char buffer[16384];
  for (const auto& index : result.indices) {
    index->for_each_visible([&](const DocRef& doc) {
      const std::uint64_t position = ordinal++;
      json::monotonic_resource arena(buffer, sizeof buffer);
      json::value parsed;
      DocContext context{doc->id(), index->name(), nullptr};
      if (needs_source) {
        boost::system::error_code ec;
        parsed = json::parse(doc->source(), ec, &arena);
        if (ec) return true;  // stored sources are valid JSON; be safe anyway
        context.source = &parsed;
      }
      const auto score = request.query.score(context);
      if (!score) return true;
      if (request.post_filter && !request.post_filter->matches(context)) return true;
      if (request.min_score && *score < *request.min_score) return true;
      Hit hit{index.get(), doc, *score, {}, position};
      if (by_fields) hit.sort_keys = request.sort.keys(context, *score, position);
      if (request.search_after && request.sort.compare(hit.sort_keys, *request.search_after) <= 0)
        return true;
      ++result.total;
      if (result.scored) result.max_score = std::max(result.max_score.value_or(*score), *score);
      result.hits.push_back(std::move(hit));
      return true;
    });
  }
  // Ties keep index order, as Lucene's doc ids break them.
  auto order = [&](const Hit& a, const Hit& b) {
    if (by_fields) {
      const int c = request.sort.compare(a.sort_keys, b.sort_keys);
      if (c != 0) return c < 0;
    } else if (a.score != b.score) {
      return a.score > b.score;
    }
    return a.position < b.position;
  };
  if (!keep_all && static_cast<std::int64_t>(result.hits.size()) > window) {
    std::partial_sort(result.hits.begin(), result.hits.begin() + window, result.hits.end(), order);
    result.hits.resize(static_cast<std::size_t>(window));
  } else {
    std::sort(result.hits.begin(), result.hits.end(), order);
  }
  return result;
}

std::int64_t run_count(const std::vector<std::shared_ptr<Index>>& indices, const Query& query) {
  std::int64_t count = 0;
  const bool needs_source = query.needs_source();
  unsigned char buffer[16384];
  for (const auto& index : indices) {
    if (!needs_source) {
      // match_all and ids still need the id check.
      index->for_each_visible([&](const DocRef& doc) {
        if (query.matches(DocContext{doc->id(), index->name(), nullptr})) ++count;
        return true;
      });
      continue;
    }
    index->for_each_visible([&](const DocRef& doc) {
      json::monotonic_resource arena(buffer, sizeof buffer);
      boost::system::error_code ec;
      json::value parsed = json::parse(doc->source(), ec, &arena);
      if (!ec && query.matches(DocContext{doc->id(), index->name(), &parsed})) ++count;
      return true;
    });
  }
  return count;
}

std::string shards_json(std::size_t shards) {
  const std::string n = std::to_string(shards);
  return "{\"total\":" + n + ",\"successful\":" + n + ",\"skipped\":0,\"failed\":0}";
}

std::string render_search(const SearchResult& result, const SearchRequest& request,
                          std::int64_t from, std::int64_t size, std::int64_t took_ms,
                          const std::optional<std::string>& scroll_id) {
  std::string out;
  out.reserve(256 + static_cast<std::size_t>(std::max<std::int64_t>(0, size)) * 256);
  out += '{';
  if (scroll_id) {
    out += "\"_scroll_id\":\"";
    core::append_json_escaped(out, *scroll_id);
    out += "\",";
  }
  out += "\"took\":";
  out += std::to_string(took_ms);
  out += ",\"timed_out\":false,\"_shards\":";
  out += shards_json(result.indices.size());
  out += ",\"hits\":{";
  bool comma = false;
  if (request.rest_total_hits_as_int) {
    out += "\"total\":";
    out += request.track_total_hits ? std::to_string(result.total) : "-1";
    comma = true;
  } else if (request.track_total_hits) {
    const bool capped = result.total > *request.track_total_hits;
    out += "\"total\":{\"value\":";
    out += std::to_string(capped ? *request.track_total_hits : result.total);
    out += capped ? ",\"relation\":\"gte\"}" : ",\"relation\":\"eq\"}";
    comma = true;
  }
  if (comma) out += ',';
  out += "\"max_score\":";
  if (result.scored && result.max_score) {
    append_java_double(out, *result.max_score);
  } else {
    out += "null";
  }
  out += ",\"hits\":[";
  const auto begin = static_cast<std::size_t>(
      std::min<std::int64_t>(from, static_cast<std::int64_t>(result.hits.size())));
  const auto end = static_cast<std::size_t>(
      std::min<std::int64_t>(from + size, static_cast<std::int64_t>(result.hits.size())));
  for (std::size_t i = begin; i < end; ++i) {
    const Hit& hit = result.hits[i];
    if (i > begin) out += ',';
    out += "{\"_index\":\"";
    core::append_json_escaped(out, hit.index->name());
    out += "\",\"_id\":\"";
    core::append_json_escaped(out, hit.doc->id());
    out += '"';
    if (request.version) {
      out += ",\"_version\":";
      out += std::to_string(hit.doc->version());
    }
    if (request.seq_no_primary_term) {
      out += ",\"_seq_no\":";
      out += std::to_string(hit.doc->seq_no());
      out += ",\"_primary_term\":1";
    }
    out += ",\"_score\":";
    if (result.scored) {
      append_java_double(out, hit.score);
    } else {
      out += "null";
    }
    if (request.source.fetch()) {
      out += ",\"_source\":";
      request.source.apply(hit.doc->source(), out);
    }
    if (!request.sort.empty()) {
      out += ",\"sort\":";
      append_json(out, hit.sort_keys);
    }
    out += '}';
  }
  out += "]}}";
  return out;
}

}  // namespace connectors::emulator
