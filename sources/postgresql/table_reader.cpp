#include "sources/postgresql/table_reader.hpp"

#include <optional>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "sources/postgresql/codecs/datetime_codec.hpp"
#include "sources/postgresql/copy_binary_parser.hpp"
#include "sources/postgresql/document_builder.hpp"
#include "sources/postgresql/python_repr.hpp"
#include "sources/postgresql/queries.hpp"

namespace connectors::sources::postgresql {
namespace {

// Tuples -> documents -> sink, checking the stop token per row.
class RowSink final : public CopyRowHandler {
 public:
  RowSink(DocumentBuilder& builder, DocumentSink& sink, const std::stop_token& stop,
          std::uint64_t& emitted)
      : builder_(builder), sink_(sink), stop_(stop), emitted_(emitted) {}

  void on_row(std::span<const CopyField> fields) override {
    if (stop_.stop_requested()) throw core::StopRequested();
    sink_.put(builder_.build(fields));
    ++emitted_;
  }

 private:
  DocumentBuilder& builder_;
  DocumentSink& sink_;
  const std::stop_token& stop_;
  std::uint64_t& emitted_;
};

char first_char(std::string_view text, char fallback) { return text.empty() ? fallback : text[0]; }

std::uint32_t parse_oid(std::string_view text) {
  std::uint32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return value;
}

}  // namespace

TableReader::TableReader(PgConnection& connection, core::Clock& clock, SyncState& state)
    : connection_(connection), clock_(clock), state_(state) {}

TableOutcome TableReader::read(const TableRef& table, DocumentSink& sink, std::stop_token stop,
                               std::uint64_t& emitted) {
  spdlog::info("Fetching records for table '{}'", table.table);
  connection_.query(queries::kBeginSnapshot, stop);

  const PgResult has_rows =
      connection_.query(queries::table_has_rows(connection_, table.schema, table.table), stop);
  if (has_rows.value(0, 0) != "t") {
    spdlog::warn("No rows found for table '{}'", table.table);
    connection_.query(queries::kCommit, stop);
    return TableOutcome::kEmpty;
  }

  const std::vector<std::optional<std::string>> relation = {
      queries::qualified_name(connection_, table.schema, table.table)};
  const PgResult key_rows = connection_.exec_params(queries::kPrimaryKey, relation, ResultFormat::kText, stop);
  std::vector<std::string> primary_key;
  for (int row = 0; row < key_rows.rows(); ++row) primary_key.push_back(key_rows.text(row, 0));
  spdlog::debug("Found primary keys for table '{}': {}", table.table, python_list_repr(primary_key));
  if (primary_key.empty()) {
    spdlog::warn(
        "Skipping table '{}' from database '{}' since no primary key is associated with it. "
        "Assign primary key to the table to index it in the next sync interval.",
        table.table, table.database);
    connection_.query(queries::kCommit, stop);
    return TableOutcome::kNoPrimaryKey;
  }

  const PgResult column_rows =
      connection_.exec_params(queries::kTableColumns, relation, ResultFormat::kText, stop);
  std::vector<ColumnInfo> columns;
  for (int row = 0; row < column_rows.rows(); ++row) {
    ColumnInfo column;
    column.name = column_rows.text(row, 0);
    column.type_oid = parse_oid(column_rows.value(row, 1));
    column.type_name = column_rows.text(row, 2);
    column.category = first_char(column_rows.value(row, 3), 'U');
    column.element_oid = parse_oid(column_rows.value(row, 4));
    column.kind = first_char(column_rows.value(row, 5), 'b');
    column.base_oid = parse_oid(column_rows.value(row, 6));
    column.length = std::stoi(column_rows.text(row, 7));
    columns.push_back(std::move(column));
  }
  const TablePlan plan = TablePlan::build(table, std::move(columns), primary_key, connection_);
  if (const std::string fallbacks = plan.describe_text_fallbacks(); !fallbacks.empty()) {
    spdlog::info("Table '{}': reading these columns as text (their types have no binary decoder "
                 "yet): {}",
                 table.table, fallbacks);
  }

  DocumentBuilder builder(plan, last_update_time(table, stop));
  CopyBinaryParser parser(static_cast<int>(plan.columns().size()));
  RowSink rows(builder, sink, stop, emitted);
  connection_.copy_out(
      plan.copy_sql(), [&](std::string_view chunk) { parser.feed(chunk, rows); }, stop);
  parser.finish();
  connection_.query(queries::kCommit, stop);
  spdlog::info("Found {} records from table '{}'", parser.rows(), table.table);
  return TableOutcome::kSynced;
}

std::string TableReader::last_update_time(const TableRef& table, const std::stop_token& stop) {
  const std::string now = core::format_python_utc(clock_.now());
  if (state_.commit_timestamps_unavailable) return now;

  connection_.query(queries::kSavepoint, stop);
  std::optional<PgError> error;
  const auto result = connection_.try_exec_params(
      queries::last_update_time(connection_, table.schema, table.table), {}, ResultFormat::kBinary,
      error, stop);
  if (error) {
    // A lost connection is the table's failure (and may be retried); anything else only costs
    // the timestamp, as upstream.
    if (!connection_.usable() || error->sqlstate().starts_with("08")) throw *error;
    connection_.query(queries::kRollbackToSavepoint, stop);
    if (error->sqlstate() == kSqlstateObjectNotInPrerequisiteState) {
      state_.commit_timestamps_unavailable = true;
      spdlog::warn(
          "track_commit_timestamp is off on the PostgreSQL server, so the time of a table's last "
          "change is unknown: documents get the sync time as _timestamp. Set "
          "track_commit_timestamp = on (postgresql.conf, then restart the server) to use the "
          "newest commit time of each table instead. ({})",
          error->message());
    } else {
      spdlog::warn("Unable to fetch last_updated_time for table  '{}': {}", table.table,
                   error->describe());
    }
    return now;
  }
  connection_.query(queries::kReleaseSavepoint, stop);
  if (result->rows() == 0 || result->is_null(0, 0)) return now;
  std::string timestamp;
  codecs::append_timestamptz(timestamp, result->value(0, 0), codecs::DateTimeSeparator::kIso);
  return timestamp;
}

}  // namespace connectors::sources::postgresql
