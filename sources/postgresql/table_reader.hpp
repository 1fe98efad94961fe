#pragma once
// Reads one table into a DocumentSink, Elastic's _yield_all_docs_from_tables in one snapshot:
//
//   BEGIN REPEATABLE READ, READ ONLY
//   any row?            no  -> "No rows found for table '{table}'", skip
//   primary key         none -> Elastic's "Skipping table ..." warning, skip
//   columns             -> TablePlan (codecs, keys, COPY statement)
//   _timestamp          MAX(pg_xact_commit_timestamp(xmin)) inside a SAVEPOINT; NULL -> now;
//                       track_commit_timestamp off (55000) -> now, one warning per sync
//   COPY (SELECT ...) TO STDOUT (FORMAT binary)
//     -> CopyBinaryParser -> DocumentBuilder -> sink.put(), one row at a time
//   COMMIT
//
// Memory stays bounded whatever the table's size: one CopyData message and one document at
// a time. The stop token is checked per row and cancels a running statement.

#include <cstdint>
#include <stop_token>
#include <string>

#include "core/clock.hpp"
#include "sources/document.hpp"
#include "sources/postgresql/pg_connection.hpp"
#include "sources/postgresql/table_plan.hpp"

namespace connectors::sources::postgresql {

// What the tables of one sync share.
struct SyncState {
  // track_commit_timestamp is off: warned about once, not asked again.
  bool commit_timestamps_unavailable = false;
};

enum class TableOutcome { kSynced, kEmpty, kNoPrimaryKey };

class TableReader {
 public:
  TableReader(PgConnection& connection, core::Clock& clock, SyncState& state);

  // `emitted` counts the documents put into `sink` so far, also when this throws.
  TableOutcome read(const TableRef& table, DocumentSink& sink, std::stop_token stop,
                    std::uint64_t& emitted);

 private:
  std::string last_update_time(const TableRef& table, const std::stop_token& stop);

  PgConnection& connection_;
  core::Clock& clock_;
  SyncState& state_;
};

}  // namespace connectors::sources::postgresql
