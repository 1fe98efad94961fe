#include "ftest/yaml_runner/response_path.hpp"

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

class ResponsePath : public ::testing::Test {
 protected:
  std::optional<json::value> at(const std::string& path) {
    return evaluate_path(body_, raw_, path, stash_);
  }
  json::value body_ = json::parse(
      R"({"results":[{"id":"a","n":null},{"id":"b"}],"a.b":{"c":1},"filtering":[{"draft":{"advanced_snippet":{"value":[{"tables":["t"]}]}}}]})");
  std::string raw_ = "{raw}";
  Stash stash_;
};

TEST_F(ResponsePath, WalksObjectsAndArrays) {
  EXPECT_EQ(at("results.1.id"), json::value("b"));
  EXPECT_EQ(at("a\\.b.c"), json::value(1));
  EXPECT_EQ(at("filtering.0.draft.advanced_snippet.value.0.tables.0."), json::value("t"));
  EXPECT_EQ(at(""), body_);
  EXPECT_EQ(at("$body"), json::value("{raw}"));
}

TEST_F(ResponsePath, AbsentAndNullAreNoValue) {
  EXPECT_FALSE(at("results.0.n"));
  EXPECT_FALSE(at("results.0.missing.deeper"));
  EXPECT_FALSE(at("nothing"));
}

TEST_F(ResponsePath, BadIndicesAndScalarsAreErrors) {
  EXPECT_THROW(at("results.x"), PathError);
  EXPECT_THROW(at("results.5"), PathError);
  EXPECT_THROW(at("results.0.id.deeper"), PathError);
}

TEST_F(ResponsePath, StashReferencesAndArbitraryKey) {
  stash_.set("which", json::value(1));
  EXPECT_EQ(at("results.$which.id"), json::value("b"));
  EXPECT_EQ(at("_arbitrary_key_"), json::value("results"));
}

TEST(SplitResponsePath, DropsEmptySegments) {
  EXPECT_EQ(split_response_path("a..b."), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(split_response_path("").empty());
}

}  // namespace
}  // namespace connectors::yaml_runner
