#include "protocol/content_index.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"
#include "protocol/testing/fake_transport.hpp"

namespace connectors::protocol {
namespace {

namespace json = boost::json;

class ContentIndexTest : public ::testing::Test {
 protected:
  EsClient client() {
    EsClientSettings settings;
    settings.max_retries = 1;
    return EsClient(transport_, settings, clock_);
  }
  testing::FakeTransport transport_;
  core::testing::ManualClock clock_;
};

TEST_F(ContentIndexTest, ScansEveryIdPageByPageAndClearsTheScroll) {
  transport_.push_response(200, R"({"_scroll_id":"s1","hits":{"total":{"value":3,"relation":"eq"},
      "hits":[{"_id":"a"},{"_id":"b"}]}})");
  transport_.push_response(200, R"({"_scroll_id":"s2","hits":{"total":{"value":3,"relation":"eq"},"hits":[{"_id":"c"}]}})");
  transport_.push_response(200, R"({"succeeded":true,"num_freed":1})");
  EsClient es = client();
  std::vector<std::string> ids;
  std::uint64_t total = 0;
  ContentIndex(es, "search-x").scan_ids([&](std::uint64_t t) { total = t; },
                                        [&](std::string_view id) { ids.emplace_back(id); }, {}, 2);
  EXPECT_EQ(total, 3u);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c"}));
  const auto requests = transport_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].request.target, "/search-x/_search?scroll=5m&ignore_unavailable=true");
  EXPECT_EQ(json::parse(requests[0].request.body).at("_source"), false);
  EXPECT_EQ(requests[1].request.target, "/_search/scroll");
  EXPECT_EQ(json::parse(requests[1].request.body), json::parse(R"({"scroll":"5m","scroll_id":"s1"})"));
  EXPECT_EQ(requests[2].request.method, HttpMethod::kDelete);
  EXPECT_EQ(json::parse(requests[2].request.body), json::parse(R"({"scroll_id":["s2"]})"));
}

TEST_F(ContentIndexTest, AMissingIndexHasNoIds) {
  transport_.push_response(404, testing::es_error_body(404, "index_not_found_exception", "no such index [x]"));
  EsClient es = client();
  std::uint64_t total = 99;
  int ids = 0;
  ContentIndex(es, "x").scan_ids([&](std::uint64_t t) { total = t; }, [&](std::string_view) { ++ids; }, {});
  EXPECT_EQ(total, 0u);
  EXPECT_EQ(ids, 0);
}

TEST_F(ContentIndexTest, ExistsTreatsAnEmptyAnswerAsMissing) {
  transport_.push_response(200, "{}");
  transport_.push_response(200, R"({"search-x":{"aliases":{},"mappings":{},"settings":{}}})");
  EsClient es = client();
  ContentIndex index(es, "search-x");
  EXPECT_FALSE(index.exists({}));
  EXPECT_TRUE(index.exists({}));
  EXPECT_EQ(transport_.requests()[0].request.target, "/search-x?ignore_unavailable=true");
}

TEST_F(ContentIndexTest, CreateToleratesARaceButNotOtherErrors) {
  transport_.push_response(400, testing::es_error_body(400, "resource_already_exists_exception", "exists"));
  transport_.push_response(400, testing::es_error_body(400, "invalid_index_name_exception", "bad name"));
  EsClient es = client();
  ContentIndex index(es, "search-x");
  EXPECT_NO_THROW(index.create({}));
  EXPECT_THROW(index.create({}), EsError);
}

}  // namespace
}  // namespace connectors::protocol
