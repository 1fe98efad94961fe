#pragma once
// The catalog reads both kinds of sync need, over one connection: tables of a schema, a
// table's primary key and columns, the pg_type rows a set of columns needs, a table's last
// update time. Thin I/O: the decisions are in table_plan, type_mapping and the readers.

#include <cstdint>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "sources/postgresql/pg_connection.hpp"
#include "sources/postgresql/table_plan.hpp"
#include "sources/postgresql/type_mapping.hpp"

namespace connectors::sources::postgresql {

std::vector<std::string> list_tables(PgConnection& connection, const std::string& database,
                                     const std::string& schema, const std::stop_token& stop);

// In constraint order; empty for views, partitioned parents and tables without one.
std::vector<std::string> primary_key(PgConnection& connection, const std::string& schema,
                                     const std::string& table, const std::stop_token& stop);

std::vector<ColumnInfo> table_columns(PgConnection& connection, const std::string& schema,
                                      const std::string& table, const std::stop_token& stop);

// Adds to `catalog` every pg_type row the `oids` need (domains' bases, arrays' elements).
void load_types(PgConnection& connection, TypeCatalog& catalog, std::span<const std::uint32_t> oids,
                const std::stop_token& stop);

// The result of the last update time query, inside the caller's transaction.
struct LastUpdate {
  enum class Kind { kTimestamp, kNull, kCommitTimestampsOff, kFailed } kind = Kind::kNull;
  std::string timestamp;  // kTimestamp: Python isoformat
  std::string error;      // kCommitTimestampsOff, kFailed: the server's message
};
// Runs it inside a savepoint, so that a failure costs only the answer. Throws when the
// connection itself is lost.
LastUpdate last_update_time(PgConnection& connection, const std::string& schema, const std::string& table,
                            const std::stop_token& stop);

// Whether an error means the connection (or the server) is gone, rather than one query or
// one table failing.
bool is_connection_failure(const PgError& error);

}  // namespace connectors::sources::postgresql
