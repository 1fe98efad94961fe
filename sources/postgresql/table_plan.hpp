#pragma once
// Everything about reading one table (or one advanced rule's result) that can be decided
// before its first row:
//
//   result columns + pg_type rows --TablePlan::build()--> per column: codec or ::text
//   fallback (type_mapping), document key (column_naming); the deduplicated key order
//   --set_keys(mapped key names)--> the columns holding the `_id` values; the `_id` prefix
//
// The per-row path (DocumentBuilder) then only dispatches on these precomputed values.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sources/postgresql/codecs/codec.hpp"
#include "sources/postgresql/queries.hpp"
#include "sources/postgresql/type_mapping.hpp"

namespace connectors::sources::postgresql {

// A result column: its name as the server reports it, its type.
struct ColumnInfo {
  std::string name;
  std::uint32_t type_oid = 0;
  std::string type_name;  // format_type(), e.g. "character varying(255)"
};

// Where the documents come from, as every document says it.
struct DocumentOrigin {
  std::string database;  // as configured
  std::string schema;    // as configured
  // Full syncs: the table. Advanced rules: the rule's tables, in the rule's order.
  std::vector<std::string> tables;
  // Advanced rules write `table` as the rule's list, full syncs as the table's name.
  bool table_is_list = false;

  // "table 't'" or "query for tables a, b", for log lines.
  std::string describe() const;
};

struct PlannedColumn {
  std::string name;
  std::string key;  // the document key: map_column_names
  std::string type_name;
  codecs::ValueCodec codec;
  queries::CopyCast cast = queries::CopyCast::kNone;
  bool elastic_fails = false;  // see ColumnMapping
  bool text_fallback() const { return cast != queries::CopyCast::kNone; }
};

// A document key and the column whose value it holds. When two columns map to the same key
// (names differing only in case, or a join's two `id` columns), the key keeps the first one's
// position and the last one's value, as Python's dict(zip(keys, row)) does; Elasticsearch
// would reject duplicate keys.
struct OutputSlot {
  std::string key;
  std::size_t column = 0;
};

class TablePlan {
 public:
  // Throws PgError (permanent) when `types` lacks a type the columns need.
  static TablePlan build(DocumentOrigin origin, std::vector<ColumnInfo> columns, const TypeCatalog& types);

  // The `_id` columns, by document key (map_column_names of the primary key or of the
  // rule's id_columns), in order; a key may repeat. False, and no keys set, when one is not
  // a key of the result (Elastic then skips the table or rule).
  bool set_keys(const std::vector<std::string>& keys);

  const DocumentOrigin& origin() const { return origin_; }
  const std::vector<PlannedColumn>& columns() const { return columns_; }
  const std::vector<OutputSlot>& slots() const { return slots_; }
  const std::vector<std::size_t>& key_columns() const { return key_columns_; }
  const std::string& id_prefix() const { return id_prefix_; }
  std::vector<queries::CopyColumn> copy_columns() const;

  // "name (type), ..." for the columns read through the ::text fallback; empty when none.
  std::string describe_text_fallbacks() const;

 private:
  DocumentOrigin origin_;
  std::vector<PlannedColumn> columns_;
  std::vector<OutputSlot> slots_;
  std::vector<std::size_t> key_columns_;
  std::string id_prefix_;
};

}  // namespace connectors::sources::postgresql
