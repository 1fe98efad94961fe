#include "connector/sync_rule_validation.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace connectors::service {
namespace {

namespace json = boost::json;

std::string validate(std::string_view rules) {
  return json::serialize(validate_basic_rules(json::parse(rules)).to_json());
}

constexpr char kDefault[] =
    R"({"id":"DEFAULT","policy":"include","field":"_","rule":"regex","value":".*","order":2})";

TEST(SyncRuleValidation, ShortNamesShortenIdsAsElasticDoes) {
  EXPECT_EQ(shorten_middle("abcdefgh", 1), "abcdefgh");
  EXPECT_EQ(shorten_middle("abcdefgh", 4), "ab...gh");
  EXPECT_EQ(shorten_middle("abcdefgh", 5), "ab...h");
  EXPECT_EQ(shorten_middle("abcdefgh", 1000), "a...h");
  EXPECT_EQ(shorten_middle("x", 26), "x...x");
  EXPECT_EQ(short_rule_name(json::value(0), "2a2f4fd1-8e8d-4a3a-b2c0-0c5a1f2b3c4d"),
            "Basic rule 1 (id: '2a2f4...b3c4d')");
  EXPECT_EQ(short_rule_name(json::value(1.0), "r1"), "Basic rule 2.0 (id: 'r...1')");
}

TEST(SyncRuleValidation, AValidRuleSetHasNoErrors) {
  const std::string rules = std::string(R"([{"id":"r1","policy":"exclude","field":"n","rule":">","value":"5","order":0},)") +
                            R"({"id":"r2","policy":"include","field":"t","rule":"Regex","value":"a.*","order":1},)" +
                            kDefault + "]";
  EXPECT_EQ(validate(rules), R"({"state":"valid","errors":[]})");
}

TEST(SyncRuleValidation, MatchAllRegexIsRejectedExceptForDefault) {
  const std::string rules = std::string(R"([{"id":"r1","policy":"exclude","field":"n","rule":"regex","value":".*","order":0},)") +
                            R"x({"id":"r2","policy":"include","field":"t","rule":"regex","value":"(.*)","order":1},)x" +
                            kDefault + "]";
  EXPECT_EQ(validate(rules),
            R"({"state":"invalid","errors":[)"
            R"x({"ids":["r1"],"messages":["Basic rule 1 (id: 'r...1') uses a match all regexps ['.*', '(.*)'], which are not allowed."]},)x"
            R"x({"ids":["r2"],"messages":["Basic rule 2 (id: 'r...2') uses a match all regexps ['.*', '(.*)'], which are not allowed."]}]})x");
}

TEST(SyncRuleValidation, SemanticDuplicatesFlagBothRulesOfTheFirstPair) {
  const std::string rules = std::string("[") +
                            R"({"id":"r1","policy":"include","field":"a","rule":"equals","value":"x","order":0},)"
                            R"({"id":"r2","policy":"exclude","field":"a","rule":"EQUALS","value":"x","order":1},)"
                            R"({"id":"r3","policy":"exclude","field":"b","rule":"contains","value":"y","order":2},)"
                            R"({"id":"r4","policy":"exclude","field":"b","rule":"contains","value":"y","order":3},)" +
                            kDefault + "]";
  EXPECT_EQ(validate(rules),
            R"({"state":"invalid","errors":[)"
            R"({"ids":["r2"],"messages":["Basic rule 2 (id: 'r...2') is semantically equal to Basic rule 1 (id: 'r...1')."]},)"
            R"({"ids":["r1"],"messages":["Basic rule 1 (id: 'r...1') is semantically equal to Basic rule 2 (id: 'r...2')."]}]})");
}

TEST(SyncRuleValidation, SchemaProblemsUseFastjsonschemaMessages) {
  EXPECT_EQ(validate(R"([{"id":"r1","policy":"include","field":"a","rule":"equals","value":"","order":0}])"),
            R"({"state":"invalid","errors":[{"ids":["r1"],"messages":["data.value must be longer than or equal to 1 characters"]}]})");
  EXPECT_EQ(validate(R"([{"id":"r1","policy":"maybe","field":"a","rule":"equals","value":"x","order":0}])"),
            R"({"state":"invalid","errors":[{"ids":["r1"],"messages":["data.policy must be policy"]}]})");
  EXPECT_EQ(validate(R"([{"id":"r1","policy":"include","field":"a","rule":"like","value":"x","order":0}])"),
            R"({"state":"invalid","errors":[{"ids":["r1"],"messages":["data.rule must be rule"]}]})");
  EXPECT_EQ(validate(R"([{"id":"r1","policy":"include","field":"a","rule":"equals","value":"x","order":"1"}])"),
            R"({"state":"invalid","errors":[{"ids":["r1"],"messages":["data.order must be number"]}]})");
  EXPECT_EQ(validate(R"([{"policy":"include","field":"a","rule":"equals","value":"x","order":0}])"),
            R"({"state":"invalid","errors":[{"ids":[null],"messages":["data must contain ['id', 'policy', 'field', 'rule', 'value', 'order'] properties"]}]})");
  EXPECT_EQ(validate(R"([{"id":"r1","policy":"include","field":"a","rule":"equals","value":3,"order":0}])"),
            R"({"state":"invalid","errors":[{"ids":["r1"],"messages":["data.value must be string"]}]})");
}

class AdvancedRulesSource final : public sources::Source {
 public:
  void ping() override {}
  void get_docs(const sources::SyncRequest&, sources::DocumentSink&, std::stop_token) override {}
  std::vector<sources::SyncRuleError> validate_advanced_rules(const json::value& rules) override {
    seen = rules;
    return {{"advanced_snippet", "bad snippet"}};
  }
  json::value seen;
};

TEST(SyncRuleValidation, AdvancedRulesAreValidatedOnlyWhenTheSnippetIsNotEmpty) {
  AdvancedRulesSource source;
  const json::value empty = json::parse(R"({"rules":[],"advanced_snippet":{"value":{}}})");
  EXPECT_TRUE(validate_filtering(empty, &source).valid());
  EXPECT_TRUE(source.seen.is_null());

  const json::value with_snippet = json::parse(R"({"rules":[],"advanced_snippet":{"value":{"q":1}}})");
  const FilteringValidation result = validate_filtering(with_snippet, &source);
  EXPECT_EQ(json::serialize(result.to_json()),
            R"({"state":"invalid","errors":[{"ids":["advanced_snippet"],"messages":["bad snippet"]}]})");
  EXPECT_EQ(json::serialize(source.seen), R"({"q":1})");
  EXPECT_TRUE(validate_filtering(with_snippet, nullptr).valid());  // source without advanced rules

  EXPECT_EQ(InvalidFilteringError(result).what(),
            std::string("InvalidFilteringError: Filtering in state FilteringValidationState.INVALID, errors: "
                        "[(ids: ['advanced_snippet'], messages: ['bad snippet'])]."));
}

}  // namespace
}  // namespace connectors::service
