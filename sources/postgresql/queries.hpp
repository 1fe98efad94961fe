#pragma once
// Every SQL statement the PostgreSQL source runs. Values are $n parameters; names of schemas,
// tables and columns go through a Quoter. Nothing is pasted.
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

// $1 = the quoted, schema-qualified table name. The columns SELECT * returns, in order, with
// what the plan needs to pick a codec: the type OID, its display name, category, element type
// (arrays), kind (domain, enum...), domain base type and length.
inline constexpr std::string_view kTableColumns =
    "SELECT a.attname::text, a.atttypid::oid, format_type(a.atttypid, a.atttypmod), "
    "t.typcategory::text, t.typelem::oid, t.typtype::text, t.typbasetype::oid, t.typlen::int "
    "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
    "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped "
    "ORDER BY a.attnum";

// One consistent snapshot per table: its checks, its timestamp and its rows agree.
inline constexpr std::string_view kBeginSnapshot =
    "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
inline constexpr std::string_view kCommit = "COMMIT";
inline constexpr std::string_view kRollback = "ROLLBACK";
// The commit-timestamp query can fail (track_commit_timestamp off) without losing the
// transaction.
inline constexpr std::string_view kSavepoint = "SAVEPOINT connectors_last_update";
inline constexpr std::string_view kRollbackToSavepoint = "ROLLBACK TO SAVEPOINT connectors_last_update";
inline constexpr std::string_view kReleaseSavepoint = "RELEASE SAVEPOINT connectors_last_update";

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

// COPY (SELECT "a", "b"::text FROM "schema"."table") TO STDOUT (FORMAT binary)
// No ORDER BY and no LIMIT/OFFSET: one pass over the table in storage order.
std::string copy_table(const Quoter& quoter, std::string_view schema, std::string_view table,
                       const std::vector<CopyColumn>& columns);

}  // namespace connectors::sources::postgresql::queries
