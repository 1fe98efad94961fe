#pragma once
// Everything about reading one table that can be decided before its first row:
//
//   catalog columns + primary key --TablePlan::build()--> per column: codec or ::text
//   fallback, document key; the deduplicated key order; the primary key's columns; the
//   `_id` prefix; the COPY statement.
//
// The per-row path (DocumentBuilder) then only dispatches on these precomputed values.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sources/postgresql/codecs/codec.hpp"
#include "sources/postgresql/queries.hpp"
#include "sources/postgresql/quoter.hpp"

namespace connectors::sources::postgresql {

// One row of queries::kTableColumns.
struct ColumnInfo {
  std::string name;
  std::uint32_t type_oid = 0;
  std::string type_name;  // format_type(), e.g. "character varying(255)"
  char category = 'U';    // pg_type.typcategory ('A': array)
  std::uint32_t element_oid = 0;
  char kind = 'b';  // pg_type.typtype ('d': domain, 'e': enum, 'c': composite, ...)
  std::uint32_t base_oid = 0;  // domains: the underlying type
  int length = -1;             // pg_type.typlen (-1: variable length)
};

struct TableRef {
  std::string database;  // as configured
  std::string schema;    // as configured
  std::string table;
};

struct PlannedColumn {
  std::string name;
  std::string key;  // the document key: map_column_names
  std::string type_name;
  codecs::ValueCodec codec;
  queries::CopyCast cast = queries::CopyCast::kNone;
  bool text_fallback() const { return cast != queries::CopyCast::kNone; }
};

// A document key and the column whose value it holds. When two columns map to the same key
// (names differing only in case), the key keeps the first one's position and the last one's
// value, as Python's dict(zip(keys, row)) does; Elasticsearch would reject duplicate keys.
struct OutputSlot {
  std::string key;
  std::size_t column = 0;
};

class TablePlan {
 public:
  // Throws PgError (permanent) when a primary key column is not among `columns`.
  static TablePlan build(TableRef table, std::vector<ColumnInfo> columns,
                         const std::vector<std::string>& primary_key, const Quoter& quoter);

  const TableRef& table() const { return table_; }
  const std::vector<PlannedColumn>& columns() const { return columns_; }
  const std::vector<OutputSlot>& slots() const { return slots_; }
  // The columns holding the primary key values, in constraint order.
  const std::vector<std::size_t>& key_columns() const { return key_columns_; }
  const std::string& id_prefix() const { return id_prefix_; }
  const std::string& copy_sql() const { return copy_sql_; }

  // "name (type), ..." for the columns read through the ::text fallback; empty when none.
  std::string describe_text_fallbacks() const;

 private:
  TableRef table_;
  std::vector<PlannedColumn> columns_;
  std::vector<OutputSlot> slots_;
  std::vector<std::size_t> key_columns_;
  std::string id_prefix_;
  std::string copy_sql_;
};

// The codec for a column, and whether it has to be read through a ::text cast.
codecs::ValueCodec plan_codec(const ColumnInfo& column, queries::CopyCast& cast);

}  // namespace connectors::sources::postgresql
