#pragma once
// Every SQL statement the PostgreSQL source runs. Values are $n parameters (or, inside COPY,
// which takes none, literals made by a Quoter); names of schemas, tables and columns go
// through a Quoter. Nothing is pasted, except the text of an advanced rule's query, which is
// the user's SQL by design and runs in a read-only transaction.
//
// The catalog queries follow Elastic's (connectors/sources/postgresql/queries.py) in what they
// return; differences are noted where they are made.

#include <string>
#include <string_view>
#include <vector>

#include "sources/postgresql/quoter.hpp"

namespace connectors::sources::postgresql::queries {

// Elastic's ping.
inline constexpr std::string_view kPing = "SELECT 1+1";

// $1 = database (table_catalog), $2 = schema. Tables, views, foreign and partitioned tables
// the login can see, as upstream (no owner filter); ordered by name so that syncs are
// repeatable (upstream leaves the order to the catalog).
inline constexpr std::string_view kListTables =
    "SELECT table_name::text FROM information_schema.tables "
    "WHERE table_catalog = $1 AND table_schema = $2 ORDER BY table_name";

// $1 = the quoted, schema-qualified table name ("schema"."table"). Elastic's query since
// PR #3238: plain tables only (relkind 'r'), the primary key constraint only, its columns in
// constraint order. Views, materialized views and partitioned parents have none.
inline constexpr std::string_view kPrimaryKey =
    "SELECT a.attname::text FROM pg_index i "
    "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
    "JOIN pg_class t ON t.oid = i.indrelid "
    "JOIN pg_constraint c ON c.conindid = i.indexrelid "
    "WHERE i.indrelid = $1::regclass AND t.relkind = 'r' AND c.contype = 'p' "
    "ORDER BY array_position(i.indkey, a.attnum)";

// $1 = the quoted, schema-qualified table name. The columns SELECT * returns, in order: name,
// type OID, display name.
inline constexpr std::string_view kTableColumns =
    "SELECT a.attname::text, a.atttypid::oid, format_type(a.atttypid, a.atttypmod) "
    "FROM pg_attribute a "
    "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped "
    "ORDER BY a.attnum";

// $1 = '{oid,...}'. What a column's codec depends on (see type_mapping.hpp).
inline constexpr std::string_view kTypes =
    "SELECT oid::oid, format_type(oid, NULL), typtype::text, typcategory::text, typelem::oid, "
    "typbasetype::oid, typlen::int FROM pg_type WHERE oid = ANY($1::oid[])";

// One consistent snapshot per table (or per advanced rule): its checks, its timestamp and its
// rows agree. Every session is also read-only by default (pg_connection.cpp).
inline constexpr std::string_view kBeginSnapshot =
    "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
inline constexpr std::string_view kCommit = "COMMIT";
inline constexpr std::string_view kRollback = "ROLLBACK";
// A failing catalog or timestamp query does not lose the transaction.
inline constexpr std::string_view kSavepoint = "SAVEPOINT connectors_check";
inline constexpr std::string_view kRollbackToSavepoint = "ROLLBACK TO SAVEPOINT connectors_check";
inline constexpr std::string_view kReleaseSavepoint = "RELEASE SAVEPOINT connectors_check";

// The first statement of a snapshot transaction, so that it fixes the snapshot: the snapshot
// (xmin:xmax:in-progress ids), the transaction's start time, which precedes it, and the next
// transaction id to be assigned, read after the snapshot was taken (age() reads it once per
// transaction, at its first call). Binary results: text, timestamptz, text. See
// sync_cursor.hpp for what they are for.
inline constexpr std::string_view kSnapshotHorizon =
    "SELECT s::text, now(), "
    "(pg_snapshot_xmax(s)::text::bigint + age(xid(pg_snapshot_xmax(s))))::text "
    "FROM pg_current_snapshot() AS s";

// Incremental syncs. Whether commit timestamps are tracked ("on"/"off").
inline constexpr std::string_view kTrackCommitTimestamp = "SHOW track_commit_timestamp";
// The newest committed transaction and its commit time (binary: text, timestamptz); no row,
// or NULLs, when none is known.
inline constexpr std::string_view kLastCommittedTransaction =
    "SELECT xid::text, \"timestamp\" FROM pg_last_committed_xact()";
// $1 = xid, $2 = timestamptz: whether that transaction's commit time is still the one
// recorded (text result 't'; 'f' or NULL when PostgreSQL's history changed).
inline constexpr std::string_view kCommitTimestampIs =
    "SELECT pg_xact_commit_timestamp($1::xid) = $2::timestamptz";
// $1 = a previous snapshot's start time, $2 = the overlap interval, $3 = '{xid,...}' its
// in-progress transactions (32-bit ids), $4 and $5 = the full ids [from, to) of the
// transactions that had ids but were unlisted (at or above its xmax). The lower bound of the
// commit times to re-read (binary timestamptz): the start time minus the overlap, or the
// commit time of a transaction pending then, whichever is earliest. Full ids become 32-bit
// ones modulo 2^32; 0, 1 and 2 of each epoch are never assigned.
inline constexpr std::string_view kChangedSince =
    "SELECT LEAST($1::timestamptz - $2::interval, "
    "(SELECT min(pg_xact_commit_timestamp(x::xid)) FROM unnest($3::text[]) AS x), "
    "(SELECT min(pg_xact_commit_timestamp((g % 4294967296)::text::xid)) "
    "FROM generate_series($4::bigint, $5::bigint - 1) AS g WHERE g % 4294967296 >= 3))";

// "schema"."table"
std::string qualified_name(const Quoter& quoter, std::string_view schema, std::string_view table);

// Whether the table has a row. Upstream counts them (a full scan); only emptiness matters.
std::string table_has_rows(const Quoter& quoter, std::string_view schema, std::string_view table);

// Elastic's last update time: the newest commit timestamp among the rows (needs
// track_commit_timestamp = on; NULL when no row was committed since it was turned on).
std::string last_update_time(const Quoter& quoter, std::string_view schema, std::string_view table);

// One column of a COPY: its name and how it is read.
enum class CopyCast { kNone, kText, kTextArray };
struct CopyColumn {
  std::string name;
  CopyCast cast = CopyCast::kNone;
};

// COPY (SELECT "a", "b"::text FROM "schema"."table" [WHERE <filter>]) TO STDOUT (FORMAT binary)
// No ORDER BY and no LIMIT/OFFSET: one pass over the table in storage order.
std::string copy_table(const Quoter& quoter, std::string_view schema, std::string_view table,
                       const std::vector<CopyColumn>& columns, std::string_view filter = {});

// The rows changed since `lower_bound` (a timestamptz literal, already quoted).
std::string changed_rows_filter(std::string_view quoted_lower_bound);

// An advanced rule's query, streamed: COPY (\n<query>\n) TO STDOUT (FORMAT binary), or, when
// a column needs a cast, with the query as a subquery whose columns are renamed by position
// (so that duplicate or odd names do not matter). `query` has no trailing semicolon.
std::string copy_query(const Quoter& quoter, std::string_view query, const std::vector<CopyColumn>& columns);

}  // namespace connectors::sources::postgresql::queries
