#include "sources/postgresql/catalog.hpp"

#include <charconv>

#include "sources/postgresql/codecs/datetime_codec.hpp"
#include "sources/postgresql/queries.hpp"

namespace connectors::sources::postgresql {
namespace {

constexpr int kMaxTypeRounds = 16;

std::uint32_t parse_oid(std::string_view text) {
  std::uint32_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

char first_char(std::string_view text, char fallback) { return text.empty() ? fallback : text[0]; }

}  // namespace

std::vector<std::string> list_tables(PgConnection& connection, const std::string& database,
                                     const std::string& schema, const std::stop_token& stop) {
  const std::vector<std::optional<std::string>> params = {database, schema};
  const PgResult rows = connection.exec_params(queries::kListTables, params, ResultFormat::kText, stop);
  std::vector<std::string> tables;
  for (int row = 0; row < rows.rows(); ++row) tables.push_back(rows.text(row, 0));
  return tables;
}

std::vector<std::string> primary_key(PgConnection& connection, const std::string& schema,
                                     const std::string& table, const std::stop_token& stop) {
  const std::vector<std::optional<std::string>> relation = {queries::qualified_name(connection, schema, table)};
  const PgResult rows = connection.exec_params(queries::kPrimaryKey, relation, ResultFormat::kText, stop);
  std::vector<std::string> columns;
  for (int row = 0; row < rows.rows(); ++row) columns.push_back(rows.text(row, 0));
  return columns;
}

std::vector<ColumnInfo> table_columns(PgConnection& connection, const std::string& schema,
                                      const std::string& table, const std::stop_token& stop) {
  const std::vector<std::optional<std::string>> relation = {queries::qualified_name(connection, schema, table)};
  const PgResult rows = connection.exec_params(queries::kTableColumns, relation, ResultFormat::kText, stop);
  std::vector<ColumnInfo> columns;
  for (int row = 0; row < rows.rows(); ++row) {
    columns.push_back({rows.text(row, 0), parse_oid(rows.value(row, 1)), rows.text(row, 2)});
  }
  return columns;
}

void load_types(PgConnection& connection, TypeCatalog& catalog, std::span<const std::uint32_t> oids,
                const std::stop_token& stop) {
  for (int round = 0; round < kMaxTypeRounds; ++round) {
    const std::vector<std::uint32_t> missing = catalog.missing(oids);
    if (missing.empty()) return;
    std::string list = "{";
    for (std::size_t i = 0; i < missing.size(); ++i) list += (i > 0 ? "," : "") + std::to_string(missing[i]);
    list += '}';
    const std::vector<std::optional<std::string>> params = {list};
    const PgResult rows = connection.exec_params(queries::kTypes, params, ResultFormat::kText, stop);
    if (rows.rows() == 0) break;  // gone from the catalog: map_column_type says so
    for (int row = 0; row < rows.rows(); ++row) {
      PgType type;
      type.oid = parse_oid(rows.value(row, 0));
      type.name = rows.text(row, 1);
      type.kind = first_char(rows.value(row, 2), 'b');
      type.category = first_char(rows.value(row, 3), 'U');
      type.element = parse_oid(rows.value(row, 4));
      type.base = parse_oid(rows.value(row, 5));
      type.length = std::stoi(rows.text(row, 6));
      catalog.add(std::move(type));
    }
  }
}

LastUpdate last_update_time(PgConnection& connection, const std::string& schema, const std::string& table,
                            const std::stop_token& stop) {
  connection.query(queries::kSavepoint, stop);
  std::optional<PgError> error;
  const auto result = connection.try_exec_params(queries::last_update_time(connection, schema, table), {},
                                                 ResultFormat::kBinary, error, stop);
  LastUpdate answer;
  if (error) {
    if (!connection.usable() || is_connection_failure(*error)) throw *error;
    connection.query(queries::kRollbackToSavepoint, stop);
    answer.kind = error->sqlstate() == kSqlstateObjectNotInPrerequisiteState ? LastUpdate::Kind::kCommitTimestampsOff
                                                                             : LastUpdate::Kind::kFailed;
    answer.error = error->describe();
    return answer;
  }
  connection.query(queries::kReleaseSavepoint, stop);
  if (result->rows() == 0 || result->is_null(0, 0)) return answer;
  answer.kind = LastUpdate::Kind::kTimestamp;
  codecs::append_timestamptz(answer.timestamp, result->value(0, 0), codecs::DateTimeSeparator::kIso);
  return answer;
}

bool is_connection_failure(const PgError& error) {
  const std::string& sqlstate = error.sqlstate();
  if (sqlstate.empty()) return !error.permanent();  // libpq's own failures; not malformed data
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

}  // namespace connectors::sources::postgresql
