#include "connector/basic_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "connector/sync_rule_validation.hpp"

namespace connectors::service {
namespace {

namespace json = boost::json;

std::string rule(std::string_view id, std::string_view policy, std::string_view field, std::string_view kind,
                 std::string_view value, int order) {
  return std::string(R"({"id":")") + std::string(id) + R"(","policy":")" + std::string(policy) +
         R"(","field":")" + std::string(field) + R"(","rule":")" + std::string(kind) + R"(","value":")" +
         std::string(value) + R"(","order":)" + std::to_string(order) + "}";
}

BasicRules rules(std::initializer_list<std::string> list) {
  std::string text = "[";
  for (const auto& r : list) text += (text.size() > 1 ? "," : "") + r;
  text += (text.size() > 1 ? "," : "") + rule("DEFAULT", "include", "_", "regex", ".*", 99) + "]";
  return BasicRules::from_rules(json::parse(text));
}

bool ingest(const BasicRules& r, std::string_view document) {
  return r.should_ingest(json::parse(document).as_object());
}

TEST(BasicRules, OnlyDefaultMeansNoRules) {
  EXPECT_TRUE(rules({}).empty());
  EXPECT_TRUE(BasicRules::from_rules(json::parse("[]")).empty());
}

TEST(BasicRules, FirstMatchingRuleInOrderDecides) {
  // Listed out of order: r2 (order 0) is tried before r1 (order 1).
  const BasicRules r = rules({rule("r1", "include", "t", "starts_with", "keep", 1),
                              rule("r2", "exclude", "t", "contains", "secret", 0)});
  EXPECT_FALSE(ingest(r, R"({"t":"keep this secret"})"));
  EXPECT_TRUE(ingest(r, R"({"t":"keep this"})"));
  EXPECT_TRUE(ingest(r, R"({"t":"anything"})"));  // no rule matches: included
}

TEST(BasicRules, AMissingFieldNeverMatches) {
  const BasicRules r = rules({rule("r1", "exclude", "t", "equals", "x", 0)});
  EXPECT_TRUE(ingest(r, R"({"other":"x"})"));
  EXPECT_FALSE(ingest(r, R"({"t":"x"})"));
}

TEST(BasicRules, TextRulesSeeStrOfTheValue) {
  const BasicRules r = rules({rule("r1", "exclude", "v", "starts_with", "Tr", 0),
                              rule("r2", "exclude", "v", "ends_with", ".5", 1),
                              rule("r3", "exclude", "v", "contains", "'b'", 2)});
  EXPECT_FALSE(ingest(r, R"({"v":true})"));       // str(True) == "True"
  EXPECT_FALSE(ingest(r, R"({"v":2.5})"));
  EXPECT_FALSE(ingest(r, R"({"v":["a","b"]})"));  // str(['a', 'b'])
  EXPECT_TRUE(ingest(r, R"({"v":false})"));
}

TEST(BasicRules, RegexIsAnchoredAtTheStartOnly) {
  const BasicRules r = rules({rule("r1", "exclude", "t", "regex", "ab+", 0)});
  EXPECT_FALSE(ingest(r, R"({"t":"abbbz"})"));
  EXPECT_TRUE(ingest(r, R"({"t":"zabb"})"));
  EXPECT_FALSE(ingest(r, R"({"t":"ab"})"));
}

TEST(BasicRules, ComparisonsCoerceTheRuleValueToTheDocumentValuesType) {
  const BasicRules numbers = rules({rule("r1", "exclude", "n", ">", "10", 0)});
  EXPECT_FALSE(ingest(numbers, R"({"n":11})"));
  EXPECT_FALSE(ingest(numbers, R"({"n":10.5})"));
  EXPECT_TRUE(ingest(numbers, R"({"n":9})"));
  EXPECT_FALSE(ingest(numbers, R"({"n":"9"})"));  // text: "9" > "10" as text

  const BasicRules less = rules({rule("r1", "exclude", "n", "<", "2024-01-01", 0)});
  EXPECT_FALSE(ingest(less, R"({"n":"2023-12-31T10:00:00+00:00"})"));
  EXPECT_TRUE(ingest(less, R"({"n":"2024-02-01"})"));
  EXPECT_TRUE(ingest(less, R"({"n":5})"));  // a number against text that is not one: no match

  const BasicRules equals = rules({rule("r1", "exclude", "n", "equals", "3", 0),
                                   rule("r2", "exclude", "b", "equals", "yes", 1)});
  EXPECT_FALSE(ingest(equals, R"({"n":3})"));
  EXPECT_FALSE(ingest(equals, R"({"n":3.0})"));
  EXPECT_FALSE(ingest(equals, R"({"n":"3"})"));
  EXPECT_TRUE(ingest(equals, R"({"n":"3.0"})"));
  EXPECT_FALSE(ingest(equals, R"({"b":true})"));
  EXPECT_TRUE(ingest(equals, R"({"b":false})"));
  EXPECT_TRUE(ingest(equals, R"({"n":null})"));
}

TEST(BasicRules, AnInvalidRegexFailsTheJobWithTheRule) {
  try {
    rules({rule("r1", "exclude", "t", "regex", "a(", 0)});
    FAIL() << "no error";
  } catch (const InvalidFilteringError& e) {
    EXPECT_EQ(e.message().rfind("Basic rule 1 (id: 'r...1') has an invalid regex 'a('", 0), 0u) << e.message();
  }
}

}  // namespace
}  // namespace connectors::service
