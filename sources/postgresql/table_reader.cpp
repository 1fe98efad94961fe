#include "sources/postgresql/table_reader.hpp"

#include <vector>

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "core/time_format.hpp"
#include "sources/postgresql/catalog.hpp"
#include "sources/postgresql/codecs/datetime_codec.hpp"
#include "sources/postgresql/column_naming.hpp"
#include "sources/postgresql/copy_binary_parser.hpp"
#include "sources/postgresql/document_builder.hpp"
#include "core/python_repr.hpp"
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

std::string iso_timestamptz(std::string_view binary) {
  std::string out;
  codecs::append_timestamptz(out, binary, codecs::DateTimeSeparator::kIso);
  return out;
}

}  // namespace

std::string timestamp_without_commit_times(core::Clock& clock, SyncState& state, const std::string& cause) {
  if (!state.commit_timestamps_unavailable) {
    state.commit_timestamps_unavailable = true;
    spdlog::warn(
        "track_commit_timestamp is off on the PostgreSQL server, so the time of a table's last "
        "change is unknown: documents get the sync time as _timestamp, and incremental syncs are "
        "not possible. Set track_commit_timestamp = on (postgresql.conf, then restart the "
        "server) to use the newest commit time of each table instead. ({})",
        cause);
  }
  return core::format_python_utc(clock.now());
}

TableHorizon read_snapshot_horizon(PgConnection& connection, const std::stop_token& stop) {
  const PgResult row = connection.exec_params(queries::kSnapshotHorizon, {}, ResultFormat::kBinary, stop);
  return TableHorizon{row.text(0, 0), iso_timestamptz(row.value(0, 1)), row.text(0, 2)};
}

void log_text_fallbacks(const TablePlan& plan) {
  for (const auto& column : plan.columns()) {
    if (column.elastic_fails) {
      spdlog::warn("Column '{}' ({}) of {}: Elastic's connector cannot serialise this type and fails "
                   "the whole sync; it is indexed as PostgreSQL's text instead",
                   column.name, column.type_name, plan.origin().describe());
    }
  }
  if (const std::string fallbacks = plan.describe_text_fallbacks(); !fallbacks.empty()) {
    spdlog::debug("{}: reading these columns as PostgreSQL's text: {}", plan.origin().describe(), fallbacks);
  }
}

std::uint64_t stream_copy(PgConnection& connection, const TablePlan& plan, const std::string& sql,
                          const std::string& timestamp, DocumentSink& sink, const std::stop_token& stop,
                          std::uint64_t& emitted) {
  DocumentBuilder builder(plan, timestamp);
  CopyBinaryParser parser(static_cast<int>(plan.columns().size()));
  RowSink rows(builder, sink, stop, emitted);
  connection.copy_out(sql, [&](std::string_view chunk) { parser.feed(chunk, rows); }, stop);
  parser.finish();
  return parser.rows();
}

TableReader::TableReader(PgConnection& connection, core::Clock& clock, SyncState& state)
    : connection_(connection), clock_(clock), state_(state) {}

TableResult TableReader::read(const TableRef& table, const std::optional<TableHorizon>& changed_since,
                              DocumentSink& sink, std::stop_token stop, std::uint64_t& emitted) {
  TableResult result;
  spdlog::info("Fetching records for table '{}'", table.table);
  connection_.query(queries::kBeginSnapshot, stop);
  result.horizon = read_snapshot_horizon(connection_, stop);

  const PgResult has_rows =
      connection_.query(queries::table_has_rows(connection_, table.schema, table.table), stop);
  if (has_rows.value(0, 0) != "t") {
    spdlog::warn("No rows found for table '{}'", table.table);
    connection_.query(queries::kCommit, stop);
    result.outcome = TableOutcome::kEmpty;
    return result;
  }

  const std::vector<std::string> key = primary_key(connection_, table.schema, table.table, stop);
  spdlog::debug("Found primary keys for table '{}': {}", table.table, core::python_list_repr(key));
  if (key.empty()) {
    spdlog::warn(
        "Skipping table '{}' from database '{}' since no primary key is associated with it. "
        "Assign primary key to the table to index it in the next sync interval.",
        table.table, table.database);
    connection_.query(queries::kCommit, stop);
    result.outcome = TableOutcome::kNoPrimaryKey;
    result.horizon.reset();  // never read: a later sync must read it in full
    return result;
  }

  std::vector<ColumnInfo> columns = table_columns(connection_, table.schema, table.table, stop);
  std::vector<std::uint32_t> oids;
  for (const auto& column : columns) oids.push_back(column.type_oid);
  TypeCatalog types;
  load_types(connection_, types, oids, stop);
  const DocumentOrigin origin{table.database, table.schema, {table.table}, false};
  TablePlan plan = TablePlan::build(origin, std::move(columns), types);
  std::vector<std::string> keys;
  for (const auto& name : key) keys.push_back(map_column_name(name, table.schema, origin.tables));
  if (!plan.set_keys(keys)) {
    throw PgError("a primary key column of table '" + table.table + "' is not among its columns", "",
                  "planning table '" + table.table + "'", PgErrorClass::kPermanent);
  }
  log_text_fallbacks(plan);

  const std::string timestamp = table_timestamp(table, stop);
  std::string filter;
  if (changed_since) {
    const std::string bound = changed_rows_lower_bound(*changed_since, stop);
    spdlog::info("Reading the rows of table '{}' committed since {} (the last sync's snapshot: {})",
                 table.table, bound, changed_since->snapshot);
    filter = queries::changed_rows_filter(connection_.quote_literal(bound));
  }
  const std::string sql =
      queries::copy_table(connection_, table.schema, table.table, plan.copy_columns(), filter);
  result.documents = stream_copy(connection_, plan, sql, timestamp, sink, stop, emitted);
  connection_.query(queries::kCommit, stop);
  spdlog::info("Found {} records from table '{}'", result.documents, table.table);
  return result;
}

std::string TableReader::table_timestamp(const TableRef& table, const std::stop_token& stop) {
  if (state_.commit_timestamps_unavailable) return core::format_python_utc(clock_.now());
  const LastUpdate last = last_update_time(connection_, table.schema, table.table, stop);
  switch (last.kind) {
    case LastUpdate::Kind::kTimestamp: return last.timestamp;
    case LastUpdate::Kind::kNull: return core::format_python_utc(clock_.now());
    case LastUpdate::Kind::kCommitTimestampsOff: return timestamp_without_commit_times(clock_, state_, last.error);
    case LastUpdate::Kind::kFailed:
      spdlog::warn("Unable to fetch last_updated_time for table  '{}': {}", table.table, last.error);
      return core::format_python_utc(clock_.now());
  }
  return core::format_python_utc(clock_.now());
}

std::string TableReader::changed_rows_lower_bound(const TableHorizon& since, const std::stop_token& stop) {
  const std::string overlap = std::to_string(state_.commit_timestamp_overlap.count()) + " seconds";
  const PendingTransactions pending = pending_transactions(since);
  const std::vector<std::optional<std::string>> params = {since.started_at, overlap,
                                                          xid_array_literal(pending.listed),
                                                          std::to_string(pending.unlisted_begin),
                                                          std::to_string(pending.unlisted_end)};
  const PgResult row = connection_.exec_params(queries::kChangedSince, params, ResultFormat::kBinary, stop);
  return iso_timestamptz(row.value(0, 0));
}

}  // namespace connectors::sources::postgresql
