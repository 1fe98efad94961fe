#include "ftest/es_emulator/filtering_rules.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {
namespace {

const std::string kNow = "2024-01-01T00:00:00.000Z";

boost::json::array parse_rules(const std::string& rules) {
  boost::json::array out;
  const boost::json::value parsed = boost::json::parse(rules);
  for (const auto& r : parsed.as_array()) out.push_back(parse_filtering_rule(r, kNow));
  return out;
}

std::vector<std::string> ids_and_orders(const boost::json::array& rules) {
  std::vector<std::string> out;
  for (const auto& r : rules) {
    out.push_back(std::string(r.at("id").as_string()) + ":" +
                  std::to_string(r.at("order").to_number<int>()));
  }
  return out;
}

TEST(FilteringRules, SortedByOrderWithDefaultLast) {
  const auto sorted = sort_filtering_rules(parse_rules(R"([
      {"created_at":"2023-05-25T12:30:00.000Z","field":"_","id":"DEFAULT","order":5,"policy":"include","rule":"regex","updated_at":"2023-05-25T12:30:00.000Z","value":".*"},
      {"field":"my_field","id":"MY_RULE","order":3,"policy":"exclude","rule":"regex","value":"tax-.*"},
      {"field":"my_field","id":"MY_RULE_2","order":0,"policy":"include","rule":"regex","value":"fix-.*"}])"),
                                           kNow);
  EXPECT_EQ(ids_and_orders(sorted),
            (std::vector<std::string>{"MY_RULE_2:0", "MY_RULE:3", "DEFAULT:4"}));
  EXPECT_EQ(sorted[2].at("created_at"), "2023-05-25T12:30:00.000Z");
  EXPECT_EQ(sorted[0].at("created_at"), boost::json::value(kNow));
}

TEST(FilteringRules, DefaultAddedWhenMissingOrEmpty) {
  EXPECT_EQ(ids_and_orders(sort_filtering_rules({}, kNow)),
            (std::vector<std::string>{"DEFAULT:0"}));
  const auto sorted = sort_filtering_rules(
      parse_rules(
          R"([{"field":"f","id":"MY_RULE","order":0,"policy":"exclude","rule":"regex","value":"x"}])"),
      kNow);
  EXPECT_EQ(ids_and_orders(sorted), (std::vector<std::string>{"MY_RULE:0", "DEFAULT:1"}));
  EXPECT_EQ(sorted[1].at("field"), "_");
  EXPECT_EQ(sorted[1].at("value"), ".*");
}

TEST(FilteringRules, InstantsArePrintedAsElasticsearchStoresThem) {
  const auto rule = parse_filtering_rule(
      boost::json::parse(
          R"({"created_at":"2023-06-25T12:30:00Z","field":"_","id":"a","order":0,"policy":"include","rule":"equals","value":"x"})"),
      kNow);
  EXPECT_EQ(rule.at("created_at"), "2023-06-25T12:30:00.000Z");
  EXPECT_EQ(rule.at("updated_at"), boost::json::value(kNow));
}

TEST(FilteringRules, RejectsBadInput) {
  EXPECT_THROW(parse_advanced_snippet(boost::json::parse(R"({"value":"string literal"})"), kNow),
               EsError);
  EXPECT_THROW(parse_advanced_snippet(
                   boost::json::parse(R"({"updated_at":"wrong datetime","value":{}})"), kNow),
               EsError);
  EXPECT_NO_THROW(
      parse_advanced_snippet(boost::json::parse(R"({"value":[{"tables":["t"]}]})"), kNow));
  EXPECT_THROW(
      parse_filtering_rule(
          boost::json::parse(
              R"({"field":"f","id":"x","order":0,"policy":"maybe","rule":"regex","value":"v"})"),
          kNow),
      EsError);
  EXPECT_THROW(
      parse_filtering_rule(
          boost::json::parse(
              R"({"field":"f","id":"x","order":0,"policy":"include","rule":"like","value":"v"})"),
          kNow),
      EsError);
  EXPECT_THROW(parse_validation_info(boost::json::parse(R"({"errors":[]})")), EsError);
  EXPECT_THROW(parse_validation_info(boost::json::parse(R"({"state":"valid"})")), EsError);
}

TEST(FilteringRules, DefaultFilteringShape) {
  const auto filtering = default_filtering(kNow);
  ASSERT_EQ(filtering.size(), 1u);
  EXPECT_EQ(
      to_json(filtering[0]),
      R"({"active":{"advanced_snippet":{"created_at":"2024-01-01T00:00:00.000Z","updated_at":"2024-01-01T00:00:00.000Z","value":{}},)"
      R"("rules":[{"created_at":"2024-01-01T00:00:00.000Z","field":"_","id":"DEFAULT","order":0,"policy":"include","rule":"regex","updated_at":"2024-01-01T00:00:00.000Z","value":".*"}],)"
      R"("validation":{"errors":[],"state":"valid"}},"domain":"DEFAULT",)"
      R"("draft":{"advanced_snippet":{"created_at":"2024-01-01T00:00:00.000Z","updated_at":"2024-01-01T00:00:00.000Z","value":{}},)"
      R"("rules":[{"created_at":"2024-01-01T00:00:00.000Z","field":"_","id":"DEFAULT","order":0,"policy":"include","rule":"regex","updated_at":"2024-01-01T00:00:00.000Z","value":".*"}],)"
      R"("validation":{"errors":[],"state":"valid"}}})");
}

}  // namespace
}  // namespace connectors::emulator
