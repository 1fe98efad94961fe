#include "ftest/es_emulator/scroll_registry.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

using testing::at;

class ScrollTest : public testing::RouterFixture {
 protected:
  void SetUp() override {
    std::string bulk;
    for (int i = 0; i < 7; ++i) {
      bulk += R"({"index":{"_index":"docs","_id":")" + std::to_string(i) +
              "\"}}\n{\"n\":" + std::to_string(i) + "}\n";
    }
    json(Method::Post, "/_bulk?refresh=true", bulk);
  }
  std::vector<std::string> page_ids(const boost::json::value& r) {
    std::vector<std::string> ids;
    const boost::json::value hits = at(r, "hits.hits");
    for (const auto& hit : hits.as_array()) ids.emplace_back(hit.at("_id").as_string());
    return ids;
  }
};

TEST_F(ScrollTest, PagesThroughASnapshot) {
  auto r =
      json(Method::Post, "/docs/_search?scroll=5m", R"({"size":3,"sort":["n"],"_source":["n"]})");
  const std::string id(at(r, "_scroll_id").as_string());
  EXPECT_EQ(page_ids(r), (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(at(r, "hits.total.value"), 7);

  // Changes after the scroll opened are not seen by it.
  json(Method::Delete, "/docs/_doc/4?refresh=true");
  json(Method::Put, "/docs/_doc/9?refresh=true", R"({"n":9})", 201);

  r = json(Method::Post, "/_search/scroll", R"({"scroll":"5m","scroll_id":")" + id + "\"}");
  EXPECT_EQ(page_ids(r), (std::vector<std::string>{"3", "4", "5"}));
  EXPECT_EQ(at(r, "_scroll_id"), boost::json::value(id));
  r = json(Method::Get, "/_search/scroll/" + id + "?scroll=1m");
  EXPECT_EQ(page_ids(r), (std::vector<std::string>{"6"}));
  r = json(Method::Get, "/_search/scroll?scroll_id=" + id);
  EXPECT_TRUE(page_ids(r).empty());

  auto cleared = json(Method::Delete, "/_search/scroll", R"({"scroll_id":[")" + id + "\"]}");
  EXPECT_EQ(at(cleared, "num_freed"), 1);
  EXPECT_EQ(at(cleared, "succeeded"), true);
  const auto missing = json(Method::Post, "/_search/scroll", R"({"scroll_id":")" + id + "\"}", 404);
  EXPECT_EQ(at(missing, "error.root_cause.0.type"), "search_context_missing_exception");
  EXPECT_EQ(at(json(Method::Delete, "/_search/scroll/" + id, "", 404), "num_freed"), 0);
}

TEST_F(ScrollTest, ExpiresByKeepAlive) {
  auto r = json(Method::Post, "/docs/_search?scroll=1m", R"({"size":2})");
  const std::string id(at(r, "_scroll_id").as_string());
  clock_.advance(std::chrono::seconds{59});
  json(Method::Post, "/_search/scroll", R"({"scroll_id":")" + id + "\"}");  // renews for 1m
  clock_.advance(std::chrono::seconds{59});
  json(Method::Post, "/_search/scroll", R"({"scroll_id":")" + id + "\"}");
  clock_.advance(std::chrono::seconds{61});
  json(Method::Post, "/_search/scroll", R"({"scroll_id":")" + id + "\"}", 404);
  EXPECT_EQ(cluster_.scrolls().open_count(), 0u);
}

TEST_F(ScrollTest, ClearAllAndBadRequests) {
  json(Method::Post, "/docs/_search?scroll=1m");
  json(Method::Post, "/docs/_search?scroll=1m");
  EXPECT_EQ(at(json(Method::Delete, "/_search/scroll/_all"), "num_freed"), 2);
  EXPECT_EQ(error(Method::Post, "/docs/_search?scroll=5", "", 400).first, "parse_exception");
  EXPECT_EQ(error(Method::Post, "/docs/_search?scroll=2d", "", 400).first,
            "illegal_argument_exception");
  EXPECT_EQ(error(Method::Post, "/docs/_search?scroll=1m&from=2", "", 400).first,
            "action_request_validation_exception");
  EXPECT_EQ(error(Method::Post, "/_search/scroll", R"({"scroll_id":"not-base64!"})", 400).first,
            "illegal_argument_exception");
}

TEST(ScrollRegistryLimit, BoundsOpenContexts) {
  core::testing::ManualClock clock;
  ScrollRegistry registry(clock, 2);
  registry.open(SearchResult{}, SearchRequest{}, std::chrono::minutes{1});
  registry.open(SearchResult{}, SearchRequest{}, std::chrono::minutes{1});
  try {
    registry.open(SearchResult{}, SearchRequest{}, std::chrono::minutes{1});
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 429u);
    EXPECT_NE(e.reason().find("Trying to create too many scroll contexts"), std::string::npos);
  }
  clock.advance(std::chrono::minutes{2});  // both expire
  EXPECT_NO_THROW(registry.open(SearchResult{}, SearchRequest{}, std::chrono::minutes{1}));
}

}  // namespace
}  // namespace connectors::emulator
