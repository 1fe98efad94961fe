#include "sources/postgresql/rule_reader.hpp"

#include <algorithm>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "sources/postgresql/catalog.hpp"
#include "sources/postgresql/column_naming.hpp"
#include "core/python_repr.hpp"
#include "sources/postgresql/queries.hpp"
#include "sources/postgresql/sql_statement.hpp"

namespace connectors::sources::postgresql {

std::string join_tables(const std::vector<std::string>& tables) {
  std::string out;
  for (const auto& table : tables) out += (out.empty() ? "" : ", ") + table;
  return out;
}

RuleReader::RuleReader(PgConnection& connection, core::Clock& clock, SyncState& state, std::string database,
                       std::string schema)
    : connection_(connection), clock_(clock), state_(state), database_(std::move(database)), schema_(std::move(schema)) {}

std::uint64_t RuleReader::read(const AdvancedRule& rule, DocumentSink& sink, std::stop_token stop,
                               std::uint64_t& emitted) {
  spdlog::info("Fetching records for {} tables using custom query: {}", core::python_list_repr(rule.tables), rule.query);
  const StatementShape shape = analyze_statement(rule.query);
  const std::string operation = "checking the query of the rule for tables " + join_tables(rule.tables);
  if (shape.several_statements) {
    throw PgError("an advanced rule runs one query, and this one holds several statements", "", operation,
                  PgErrorClass::kPermanent);
  }
  if (!is_query_keyword(shape.first_keyword)) {
    throw PgError("an advanced rule's query may only read (SELECT, WITH, VALUES or TABLE); this one starts "
                  "with '" + shape.first_keyword + "' and was not run",
                  "", operation, PgErrorClass::kPermanent);
  }

  connection_.query(queries::kBeginSnapshot, stop);
  std::vector<std::string> keys;
  if (!rule.id_columns.empty()) {
    for (const auto& column : rule.id_columns) keys.push_back(map_column_name(column, schema_, rule.tables));
  } else {
    for (const auto& table : rule.tables) {
      const std::vector<std::string> key = primary_key(connection_, schema_, table, stop);
      spdlog::debug("Found primary keys for table '{}': {}", table, core::python_list_repr(key));
      for (const auto& column : key) keys.push_back(map_column_name(column, schema_, rule.tables));
    }
  }
  if (keys.empty()) {
    spdlog::warn(
        "Skipping tables {} from database {} since no primary key is associated with them. Assign "
        "primary key to the tables to index it in the next sync interval.",
        join_tables(rule.tables), database_);
    connection_.query(queries::kCommit, stop);
    return 0;
  }
  const std::string timestamp = rule_timestamp(rule, stop);

  const std::vector<ResultColumn> described = connection_.describe(shape.body, stop);
  if (described.empty()) {
    throw PgError("the query returns no rows to index", "", operation, PgErrorClass::kPermanent);
  }
  std::vector<ColumnInfo> columns;
  std::vector<std::uint32_t> oids;
  for (const auto& column : described) oids.push_back(column.type_oid);
  TypeCatalog types;
  load_types(connection_, types, oids, stop);
  for (const auto& column : described) {
    const PgType* type = types.find(column.type_oid);
    columns.push_back({column.name, column.type_oid, type ? type->name : std::to_string(column.type_oid)});
  }
  const DocumentOrigin origin{database_, schema_, rule.tables, true};
  TablePlan plan = TablePlan::build(origin, std::move(columns), types);
  if (!plan.set_keys(keys)) {
    spdlog::warn("Skipping query {} for tables {} as primary key column or unique ID column name is not "
                 "present in query.",
                 rule.query, join_tables(rule.tables));
    connection_.query(queries::kCommit, stop);
    return 0;
  }
  log_text_fallbacks(plan);

  const std::string sql = queries::copy_query(connection_, shape.body, plan.copy_columns());
  const std::uint64_t rows = stream_copy(connection_, plan, sql, timestamp, sink, stop, emitted);
  connection_.query(queries::kCommit, stop);
  spdlog::info("Found {} records for '{}' query", rows, rule.query);
  return rows;
}

std::string RuleReader::rule_timestamp(const AdvancedRule& rule, const std::stop_token& stop) {
  // Elastic appends now() for a table whose time it cannot get and then takes max() over a
  // mix of datetimes and strings, which raises TypeError as soon as one table has a time and
  // another not; here an unknown time simply counts as now.
  const std::string now = core::format_python_utc(clock_.now());
  std::optional<core::WallTime> newest;
  bool unknown = state_.commit_timestamps_unavailable;
  for (const auto& table : rule.tables) {
    if (unknown) break;
    const LastUpdate last = last_update_time(connection_, schema_, table, stop);
    switch (last.kind) {
      case LastUpdate::Kind::kTimestamp:
        if (const auto parsed = core::parse_iso8601(last.timestamp)) {
          if (!newest || *parsed > *newest) newest = parsed;
        }
        break;
      case LastUpdate::Kind::kNull: unknown = true; break;
      case LastUpdate::Kind::kCommitTimestampsOff:
        timestamp_without_commit_times(clock_, state_, last.error);
        unknown = true;
        break;
      case LastUpdate::Kind::kFailed:
        spdlog::warn("Last update time is not found for Table: {}", table);
        unknown = true;
        break;
    }
  }
  if (unknown || !newest) return now;
  return core::format_python_utc(*newest);
}

}  // namespace connectors::sources::postgresql
