#include "ftest/es_emulator/search.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

using testing::at;

class SearchTest : public testing::RouterFixture {
 protected:
  void SetUp() override {
    std::string bulk;
    for (int i = 0; i < 25; ++i) {
      bulk += R"({"index":{"_index":"docs","_id":"d)" + std::to_string(i) + "\"}}\n";
      bulk += R"({"n":)" + std::to_string(i) + R"(,"group":")" + (i % 2 == 0 ? "even" : "odd") +
              R"(","connector":{"id":"c)" + std::to_string(i % 3) + R"("}})" + "\n";
    }
    json(Method::Post, "/_bulk?refresh=true", bulk);
  }
  std::vector<std::string> ids(const boost::json::value& response) {
    std::vector<std::string> out;
    const boost::json::value hits = at(response, "hits.hits");
    for (const auto& hit : hits.as_array()) out.emplace_back(hit.at("_id").as_string());
    return out;
  }
};

TEST_F(SearchTest, DefaultsToTenHitsWithExactTotal) {
  const auto r = json(Method::Get, "/docs/_search");
  EXPECT_EQ(at(r, "hits.total.value"), 25);
  EXPECT_EQ(at(r, "hits.total.relation"), "eq");
  EXPECT_EQ(at(r, "hits.hits").as_array().size(), 10u);
  EXPECT_EQ(at(r, "hits.max_score"), 1.0);
  EXPECT_EQ(at(r, "hits.hits.0._score"), 1.0);
  EXPECT_EQ(at(r, "_shards.total"), 1);
  EXPECT_EQ(at(r, "timed_out"), false);
}

TEST_F(SearchTest, QuerySortFromSizeAndSeqNo) {
  const auto r =
      json(Method::Post, "/docs/_search",
           R"({"query":{"bool":{"filter":[{"term":{"group":"even"}},{"range":{"n":{"gte":4}}}]}},
                          "sort":[{"n":{"order":"desc"}}],"from":1,"size":3,"seq_no_primary_term":true,
                          "_source":["n"]})");
  EXPECT_EQ(at(r, "hits.total.value"), 11);  // 4, 6, ..., 24
  EXPECT_EQ(ids(r), (std::vector<std::string>{"d22", "d20", "d18"}));
  EXPECT_TRUE(at(r, "hits.hits.0._score").is_null());
  EXPECT_TRUE(at(r, "hits.max_score").is_null());
  EXPECT_EQ(at(r, "hits.hits.0.sort.0"), 22);
  EXPECT_EQ(at(r, "hits.hits.0._primary_term"), 1);
  EXPECT_TRUE(at(r, "hits.hits.0._seq_no").is_int64());
  EXPECT_EQ(boost::json::serialize(at(r, "hits.hits.0._source")), R"({"n":22})");
}

TEST_F(SearchTest, ParamsOverrideBody) {
  const auto r = json(Method::Post, "/docs/_search?size=2&from=0&sort=n:asc", R"({"size":5})");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"d0", "d1"}));
}

TEST_F(SearchTest, TrackTotalHits) {
  EXPECT_EQ(at(json(Method::Post, "/docs/_search", R"({"track_total_hits":10,"size":0})"),
               "hits.total.relation"),
            "gte");
  EXPECT_EQ(at(json(Method::Post, "/docs/_search", R"({"track_total_hits":10,"size":0})"),
               "hits.total.value"),
            10);
  EXPECT_TRUE(at(json(Method::Post, "/docs/_search", R"({"track_total_hits":false})"), "hits.total")
                  .is_null());
  EXPECT_EQ(at(json(Method::Get, "/docs/_search?rest_total_hits_as_int=true"), "hits.total"), 25);
}

TEST_F(SearchTest, SearchAfter) {
  const auto r =
      json(Method::Post, "/docs/_search", R"({"sort":["n"],"search_after":[20],"size":10})");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"d21", "d22", "d23", "d24"}));
}

TEST_F(SearchTest, ResultWindowTooLarge) {
  const auto [type, reason] =
      error(Method::Post, "/docs/_search", R"({"from":9995,"size":10})", 400);
  EXPECT_EQ(type, "search_phase_execution_exception");
  const auto r = json(Method::Post, "/docs/_search", R"({"from":9995,"size":10})", 400);
  EXPECT_EQ(at(r, "error.root_cause.0.type"), "illegal_argument_exception");
  EXPECT_NE(std::string(at(r, "error.root_cause.0.reason").as_string())
                .find("Result window is too large"),
            std::string::npos);
}

TEST_F(SearchTest, MultipleIndicesWildcardsAndMissing) {
  json(Method::Put, "/other/_doc/x?refresh=true", R"({"n":100})", 201);
  EXPECT_EQ(at(json(Method::Get, "/docs,other/_search"), "hits.total.value"), 26);
  EXPECT_EQ(at(json(Method::Get, "/d*,o*/_search"), "_shards.total"), 2);
  EXPECT_EQ(at(json(Method::Get, "/*,-other/_search"), "hits.total.value"), 25);
  EXPECT_EQ(at(json(Method::Get, "/_search"), "hits.total.value"), 26);
  const auto [type, reason] = error(Method::Get, "/missing/_search", "", 404);
  EXPECT_EQ(type, "index_not_found_exception");
  EXPECT_EQ(reason, "no such index [missing]");
  EXPECT_EQ(
      at(json(Method::Get, "/missing,docs/_search?ignore_unavailable=true"), "hits.total.value"),
      25);
  EXPECT_EQ(at(json(Method::Get, "/nomatch*/_search"), "hits.total.value"), 0);
  error(Method::Get, "/nomatch*/_search?allow_no_indices=false", "", 404);
}

TEST_F(SearchTest, CountAndUnknownQuery) {
  EXPECT_EQ(at(json(Method::Post, "/docs/_count", R"({"query":{"term":{"connector.id":"c0"}}})"),
               "count"),
            9);
  const auto [type, reason] = error(Method::Post, "/docs/_search", R"({"query":{"nope":{}}})", 400);
  EXPECT_EQ(type, "parsing_exception");
  EXPECT_EQ(reason, "unknown query [nope]");
  EXPECT_EQ(error(Method::Post, "/docs/_search", R"({"aggs":{}})", 400).first,
            "illegal_argument_exception");
  EXPECT_EQ(error(Method::Post, "/docs/_search", R"({"frm":1})", 400).first, "parsing_exception");
}

TEST_F(SearchTest, RefreshVisibility) {
  json(Method::Put, "/docs/_doc/new", R"({"n":99})", 201);
  EXPECT_EQ(at(json(Method::Get, "/docs/_count"), "count"), 25);
  EXPECT_EQ(at(json(Method::Get, "/docs/_doc/new"), "found"), true);  // real-time get
  json(Method::Delete, "/docs/_doc/d0");
  EXPECT_EQ(
      at(json(Method::Post, "/docs/_count", R"({"query":{"ids":{"values":["d0"]}}})"), "count"), 1);
  clock_.advance(std::chrono::milliseconds{1000});  // periodic refresh due
  EXPECT_EQ(at(json(Method::Get, "/docs/_count"), "count"), 25);
  EXPECT_EQ(at(json(Method::Post, "/docs/_count", R"({"query":{"ids":{"values":["d0","new"]}}})"),
               "count"),
            1);
}

}  // namespace
}  // namespace connectors::emulator
