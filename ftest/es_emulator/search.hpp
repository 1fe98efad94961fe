#pragma once
// Search execution over the searchable (refreshed) view of one or more indices.
//
//   body + params --parse_search_request--> SearchRequest
//   indices + SearchRequest --run_search--> SearchResult (every match, in hit order)
//   SearchResult[from, from+size) --render_search--> the Elasticsearch response body
//
// Scroll contexts keep a SearchResult and render successive pages from it, so a scroll
// sees the documents as they were when it was opened.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "ftest/es_emulator/doc_version.hpp"
#include "ftest/es_emulator/index.hpp"
#include "ftest/es_emulator/query.hpp"
#include "ftest/es_emulator/rest_types.hpp"
#include "ftest/es_emulator/sort_spec.hpp"
#include "ftest/es_emulator/source_filter.hpp"

namespace connectors::emulator {

inline constexpr std::int64_t kMaxResultWindow = 10000;

struct SearchRequest {
  Query query = Query::match_all();
  std::optional<Query> post_filter;
  SortSpec sort;
  std::int64_t from = 0;
  std::int64_t size = 10;
  SourceFilter source;
  bool seq_no_primary_term = false;
  bool version = false;
  bool track_scores = false;
  std::optional<double> min_score;
  std::optional<boost::json::array> search_after;
  // Total hits: counted exactly up to this bound (10000 by default); nullopt: not tracked.
  std::optional<std::int64_t> track_total_hits = kMaxResultWindow;
  bool rest_total_hits_as_int = false;
};

// Throws EsError 400 for malformed or unsupported requests. `body` may be null.
SearchRequest parse_search_request(const boost::json::object* body, const Params& params,
                                   core::WallTime now);
// The query of a _count body ({"query": ...}); match_all when absent.
Query parse_count_request(const boost::json::object* body, core::WallTime now);

struct Hit {
  const Index* index = nullptr;  // kept alive by SearchResult::indices
  DocRef doc;
  double score = 0;
  boost::json::array sort_keys;
  std::uint64_t position = 0;  // in index order, for ties
};

struct SearchResult {
  std::vector<std::shared_ptr<Index>> indices;
  std::vector<Hit> hits;  // all matches (or, when `truncated`, the first ones), in hit order
  std::int64_t total = 0;
  std::optional<double> max_score;
  bool scored = true;  // false when sorted by fields without track_scores: _score is null
};

// `keep_all`: keep every match (scroll); otherwise only the hits up to from+size.
SearchResult run_search(std::vector<std::shared_ptr<Index>> indices, const SearchRequest& request,
                        bool keep_all);
std::int64_t run_count(const std::vector<std::shared_ptr<Index>>& indices, const Query& query);

// The response body for hits [from, from + size) of `result`.
std::string render_search(const SearchResult& result, const SearchRequest& request,
                          std::int64_t from, std::int64_t size, std::int64_t took_ms,
                          const std::optional<std::string>& scroll_id);

// {"total":N,"successful":N,"skipped":0,"failed":0}
std::string shards_json(std::size_t shards);

}  // namespace connectors::emulator
