#pragma once
// The connector's `sync_cursor` for incremental syncs: what the last completed sync saw, per
// table, so that the next incremental sync re-reads exactly the rows changed since.
//
//   {"source": "postgresql", "version": 1, "database": "xe", "schema": "public",
//    "commit_probe": {"xid": "1234", "committed_at": "2026-05-19T10:11:12.345678+00:00"},
//    "tables": {"customers": {"snapshot": "750:760:752,755", "next_xid": "762",
//                             "started_at": "2026-05-19T10:11:12.000001+00:00"}}}
//
// Why a row changed after a table was read is found by commit time, and why that is exact:
//
// * A table is read in one REPEATABLE READ snapshot. Its first statement records the snapshot
//   (pg_current_snapshot(): xmin, xmax and the transactions in progress below xmax), now(),
//   the transaction's start, which precedes the snapshot, and `next_xid`, the next transaction
//   id to be assigned, read after the snapshot was taken.
// * A row version the snapshot did not see was written by a transaction T the snapshot did not
//   see. Either T got its id after the snapshot (id >= next_xid): it commits after the
//   snapshot, so its commit time is later than `started_at`. Or T already had an id and had not
//   finished: listed in the snapshot, or with an id from xmax up to next_xid (xmax is one past
//   the newest COMPLETED transaction, so transactions that started before the snapshot can
//   have ids at or above it). PostgreSQL takes a commit's timestamp BEFORE the commit becomes
//   visible (the WAL write, and a synchronous-replication wait for as long as the standby
//   lags, come between), so such a T's commit time can be earlier than the snapshot: that is
//   why these ids are kept, and their own commit times lower the bound.
// * So the next sync re-reads the rows whose pg_xact_commit_timestamp(xmin) is at least
//     min(started_at - overlap, commit time of each of those transactions that committed)
//   Every changed row is among them; rows seen before may come again (harmless upserts).
//   The overlap (kCommitTimestampOverlap) only guards against the server's clock being set
//   back between two commits; transactions still in progress at the next sync are pending in
//   its own snapshot, so they are carried over.
// * commit_probe is the newest committed transaction when the sync started. The next
//   incremental sync checks that PostgreSQL still knows its commit time: if
//   track_commit_timestamp was turned off and on, the server replaced, or the history
//   truncated, commit times of changes since may be missing, and only a full sync is safe.
// * Deleted rows leave no row to find: they stay in the index until the next full sync.
// * A table without an entry (new since the last sync, or not read then) is read in full.
// * A cursor written before `next_xid` was recorded reads as next_xid = xmax.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace connectors::sources::postgresql {

inline constexpr std::chrono::seconds kCommitTimestampOverlap{std::chrono::minutes{5}};
inline constexpr int kSyncCursorVersion = 1;

struct TableHorizon {
  std::string snapshot;    // pg_current_snapshot() as text: "xmin:xmax:xip,xip"
  std::string started_at;  // the snapshot transaction's now(), ISO-8601
  std::string next_xid;    // full transaction id, as text; empty: xmax (older cursors)
};

struct CommitProbe {
  std::string xid;           // a 32-bit transaction id, as text
  std::string committed_at;  // its commit time, ISO-8601
};

struct SyncCursor {
  std::string database;
  std::string schema;
  std::optional<CommitProbe> probe;
  std::map<std::string, TableHorizon> tables;

  boost::json::value to_json() const;
  // nullopt, with the reason in `problem`, when `value` is not a cursor this source wrote.
  static std::optional<SyncCursor> from_json(const boost::json::value& value, std::string& problem);
};

// The transactions a snapshot did not see that may have taken their commit time before it:
// those it lists as in progress, as the 32-bit ids pg_xact_commit_timestamp takes (the epoch
// dropped), and the full ids from its xmax up to (not including) next_xid.
struct PendingTransactions {
  std::vector<std::uint32_t> listed;
  std::uint64_t unlisted_begin = 0;
  std::uint64_t unlisted_end = 0;
};

// E.g. {"750:760:752,755", _, "762"} -> {{752, 755}, 760, 762}. Throws std::invalid_argument
// on a malformed snapshot or id, or a next_xid below xmax.
PendingTransactions pending_transactions(const TableHorizon& horizon);

// "{752,755}": a text[] literal for queries::kChangedSince.
std::string xid_array_literal(const std::vector<std::uint32_t>& xids);

}  // namespace connectors::sources::postgresql
