#include "sources/postgresql/advanced_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/python_repr.hpp"

namespace connectors::sources::postgresql {
namespace {

namespace json = boost::json;

std::string schema_error(const std::string& rules) {
  return advanced_rules_schema_error(json::parse(rules)).value_or("<valid>");
}

TEST(AdvancedRules, ElasticsExamplesAreValid) {
  EXPECT_EQ(schema_error(R"([{"tables": ["employee"], "query": "SELECT * FROM employee"},
                             {"tables": ["customer"], "query": "SELECT * FROM customer", "id_columns": ["c_id"]},
                             {"tables": ["employee", "customer"],
                              "query": "SELECT * FROM employee INNER JOIN customer ON employee.emp_id = customer.c_id"}])"),
            "<valid>");
  EXPECT_EQ(schema_error("[]"), "<valid>");
}

TEST(AdvancedRules, FastjsonschemaMessages) {
  EXPECT_EQ(schema_error(R"({"tables": ["a"]})"), "data must be array");
  EXPECT_EQ(schema_error(R"("SELECT 1")"), "data must be array");
  EXPECT_EQ(schema_error(R"([["a"]])"), "data[0] must be object");
  EXPECT_EQ(schema_error(R"([{"tables": ["a"]}])"), "data[0] must contain ['tables', 'query'] properties");
  EXPECT_EQ(schema_error(R"([{"query": "SELECT 1"}])"), "data[0] must contain ['tables', 'query'] properties");
  EXPECT_EQ(schema_error(R"([{"tables": "a", "query": "SELECT 1"}])"), "data[0].tables must be array");
  EXPECT_EQ(schema_error(R"([{"tables": [], "query": "SELECT 1"}])"), "data[0].tables must contain at least 1 items");
  EXPECT_EQ(schema_error(R"([{"tables": ["a"], "query": 1}])"), "data[0].query must be string");
  EXPECT_EQ(schema_error(R"([{"tables": ["a"], "query": ""}])"),
            "data[0].query must be longer than or equal to 1 characters");
  EXPECT_EQ(schema_error(R"([{"tables": ["a"], "query": "q", "id_columns": "id"}])"),
            "data[0].id_columns must be array");
  EXPECT_EQ(schema_error(R"([{"tables": ["a"], "query": "q", "id_columns": []}])"),
            "data[0].id_columns must contain at least 1 items");
  EXPECT_EQ(schema_error(R"([{"tables": ["a"], "query": "q", "limit": 5, "extra": 1}])"),
            "data[0] must not contain {'extra', 'limit'} properties");
  // The first failing rule, and within it required before properties before extra keys.
  EXPECT_EQ(schema_error(R"([{"tables": ["a"], "query": "q"}, {"tables": [], "x": 1}])"),
            "data[1] must contain ['tables', 'query'] properties");
  EXPECT_EQ(schema_error(R"([{"tables": [], "query": "", "x": 1}])"), "data[0].tables must contain at least 1 items");
}

TEST(AdvancedRules, EmptinessAsElasticSeesIt) {
  EXPECT_FALSE(has_advanced_rules(nullptr));
  EXPECT_FALSE(has_advanced_rules(json::parse("[]")));
  EXPECT_FALSE(has_advanced_rules(json::parse("{}")));
  EXPECT_TRUE(has_advanced_rules(json::parse(R"([{"tables":["t"],"query":"SELECT 1"}])")));
}

TEST(AdvancedRules, MissingTablesAsAPythonSet) {
  const json::value rules = json::parse(R"([{"tables": ["emp", "dept"], "query": "q"},
                                            {"tables": ["emp", "Other", 7], "query": "q"}])");
  const auto named = tables_named(rules);
  EXPECT_EQ(named.size(), 4u);  // each once
  EXPECT_EQ(missing_tables_message(named, {"emp", "dept", "Other"}).value_or(""),
            "Tables not found or inaccessible: {7}.");
  EXPECT_EQ(missing_tables_message(named, {"emp", "other"}).value_or(""),
            "Tables not found or inaccessible: {'Other', 'dept', 7}.");
  EXPECT_FALSE(missing_tables_message(tables_named(json::parse(R"([{"tables": ["emp"], "query": "q"}])")),
                                      {"emp", "dept"}));
  EXPECT_EQ(missing_tables_message(tables_named(json::parse(R"([{"tables": ["public.emp"], "query": "q"}])")),
                                   {"emp"})
                .value_or(""),
            "Tables not found or inaccessible: {'public.emp'}.");
}

TEST(AdvancedRules, ReadsRulesAsGiven) {
  const auto rules = read_advanced_rules(json::parse(
      R"([{"tables": ["b", "a"], "query": "SELECT 1", "id_columns": ["ID", "x"]}, {"tables": ["c"], "query": "q"}])"));
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].tables, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(rules[0].query, "SELECT 1");
  EXPECT_EQ(rules[0].id_columns, (std::vector<std::string>{"ID", "x"}));
  EXPECT_TRUE(rules[1].id_columns.empty());
}

TEST(AdvancedRules, PythonReprOfScalars) {
  EXPECT_EQ(core::python_repr(json::value("it's")), "\"it's\"");
  EXPECT_EQ(core::python_repr(json::value(1.5)), "1.5");
  EXPECT_EQ(core::python_repr(json::value(true)), "True");
  EXPECT_EQ(core::python_repr(json::value(nullptr)), "None");
}

}  // namespace
}  // namespace connectors::sources::postgresql
