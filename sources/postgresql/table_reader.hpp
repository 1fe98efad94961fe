#pragma once
// Reads one table into a DocumentSink, Elastic's _yield_all_docs_from_tables in one snapshot:
//
//   BEGIN REPEATABLE READ, READ ONLY
//   horizon             pg_current_snapshot(), now()  (for the next incremental sync)
//   any row?            no  -> "No rows found for table '{table}'", skip
//   primary key         none -> Elastic's "Skipping table ..." warning, skip
//   columns, pg_type    -> TablePlan (codecs, keys); Elastic-failing types said once
//   _timestamp          MAX(pg_xact_commit_timestamp(xmin)) inside a SAVEPOINT; NULL -> now;
//                       track_commit_timestamp off (55000) -> now, one warning per sync
//   [incremental]       lower bound from the previous horizon (sync_cursor.hpp)
//   COPY (SELECT ... [WHERE pg_xact_commit_timestamp(xmin) >= bound]) TO STDOUT binary
//     -> CopyBinaryParser -> DocumentBuilder -> sink.put(), one row at a time
//   COMMIT
//
// Memory stays bounded whatever the table's size: one CopyData message and one document at
// a time. The stop token is checked per row and cancels a running statement.

#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>

#include "core/clock.hpp"
#include "sources/document.hpp"
#include "sources/postgresql/pg_connection.hpp"
#include "sources/postgresql/sync_cursor.hpp"
#include "sources/postgresql/table_plan.hpp"

namespace connectors::sources::postgresql {

// What the tables (and rules) of one sync share.
struct SyncState {
  // track_commit_timestamp is off: warned about once, not asked again.
  bool commit_timestamps_unavailable = false;
  // Incremental syncs: how far before a previous snapshot's start commits are re-read.
  std::chrono::seconds commit_timestamp_overlap = kCommitTimestampOverlap;
};

struct TableRef {
  std::string database;  // as configured
  std::string schema;    // as configured
  std::string table;
};

enum class TableOutcome { kSynced, kEmpty, kNoPrimaryKey };

struct TableResult {
  TableOutcome outcome = TableOutcome::kSynced;
  // The snapshot's horizon, for the cursor; none when the table was not read (no key).
  std::optional<TableHorizon> horizon;
  std::uint64_t documents = 0;
};

// Sends the warning about track_commit_timestamp being off, once per sync, and returns "now".
std::string timestamp_without_commit_times(core::Clock& clock, SyncState& state, const std::string& cause);

class TableReader {
 public:
  TableReader(PgConnection& connection, core::Clock& clock, SyncState& state);

  // `changed_since`: the table's horizon in the previous sync's cursor (only rows changed
  // since are read), nullopt for every row. `emitted` counts the documents put into `sink`
  // so far, also when this throws.
  TableResult read(const TableRef& table, const std::optional<TableHorizon>& changed_since,
                   DocumentSink& sink, std::stop_token stop, std::uint64_t& emitted);

 private:
  std::string table_timestamp(const TableRef& table, const std::stop_token& stop);
  std::string changed_rows_lower_bound(const TableHorizon& since, const std::stop_token& stop);

  PgConnection& connection_;
  core::Clock& clock_;
  SyncState& state_;
};

// Reads the horizon of the snapshot just begun (its first statement).
TableHorizon read_snapshot_horizon(PgConnection& connection, const std::stop_token& stop);

// Documents from a COPY of `sql` planned by `plan`, into `sink`. Returns the row count.
std::uint64_t stream_copy(PgConnection& connection, const TablePlan& plan, const std::string& sql,
                          const std::string& timestamp, DocumentSink& sink, const std::stop_token& stop,
                          std::uint64_t& emitted);

// Logs, once per column of `plan`, the types Elastic's connector cannot serialise, and (at
// debug level) the other columns read as text.
void log_text_fallbacks(const TablePlan& plan);

}  // namespace connectors::sources::postgresql
