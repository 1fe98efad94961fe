#pragma once
// Advanced sync rules: the JSON a user writes in Kibana (filtering.advanced_snippet.value),
// checked as Elastic's PostgreSQLAdvancedRulesValidator checks it, and read into rules.
//
//   [{"tables": ["employee"], "query": "SELECT * FROM employee"},
//    {"tables": ["a", "b"], "query": "SELECT ... JOIN ...", "id_columns": ["emp_id"]}]
//
// The schema (fastjsonschema 2.16.2, draft-07, as Elastic compiles it):
//   array of objects {tables: array minItems 1, query: string minLength 1,
//                     id_columns: array minItems 1}, required [tables, query], no other key
// and its messages for the first problem found, in fastjsonschema's order (type, minLength /
// minItems, items; then per object required, each property, additionalProperties):
//   data must be array                                  data[0] must be object
//   data[0] must contain ['tables', 'query'] properties data[0].tables must be array
//   data[0].tables must contain at least 1 items        data[0].query must be string
//   data[0].query must be longer than or equal to 1 characters
//   data[0] must not contain {'extra'} properties

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace connectors::sources::postgresql {

struct AdvancedRule {
  std::vector<std::string> tables;      // as given (Python str() of non-string items)
  std::string query;
  std::vector<std::string> id_columns;  // as given; empty: the tables' primary keys
};

// Elastic's has_advanced_rules(): not null and not empty.
bool has_advanced_rules(const boost::json::value& rules);

// fastjsonschema's message for the first violation, or nullopt when the rules fit the schema.
std::optional<std::string> advanced_rules_schema_error(const boost::json::value& rules);

// Every table the rules name (a set: each once), for the existence check.
std::vector<boost::json::value> tables_named(const boost::json::value& rules);

// "Tables not found or inaccessible: {'a', 'b'}." for the names not in `existing`; nullopt when
// all exist. Names are compared exactly (case-sensitive, unqualified). The set is printed as
// Python prints it; Python's own order is arbitrary, ours is sorted.
std::optional<std::string> missing_tables_message(const std::vector<boost::json::value>& named,
                                                  const std::vector<std::string>& existing);

// Rules that passed advanced_rules_schema_error().
std::vector<AdvancedRule> read_advanced_rules(const boost::json::value& rules);

}  // namespace connectors::sources::postgresql
