#pragma once
// One COPY tuple + the table's plan --> one sources::Document, as Elastic's row2doc builds it:
//
//   {"<schema>_<table>_<col>": value, ... (column order),
//    "_timestamp": "...", "database": "...", "table": "...", "schema": "..."}
//   id = "<database>_<schema>_<table>_<pk1>_<pk2>..." (NULL key values skipped)
//
// Values are written straight from the tuple's bytes into the document's buffer; the only
// allocations are the document's own two strings, sized from the previous document.

#include <span>
#include <string>

#include "sources/document.hpp"
#include "sources/postgresql/copy_binary_parser.hpp"
#include "sources/postgresql/table_plan.hpp"

namespace connectors::sources::postgresql {

class DocumentBuilder {
 public:
  // `timestamp`: the table's `_timestamp`, already formatted.
  DocumentBuilder(const TablePlan& plan, std::string timestamp);

  // `fields` in the plan's column order (the COPY's). Throws PgError on malformed values.
  Document build(std::span<const CopyField> fields);

 private:
  const TablePlan& plan_;
  std::string timestamp_;
  std::size_t json_capacity_ = 256;
  std::size_t id_capacity_ = 64;
};

}  // namespace connectors::sources::postgresql
