#pragma once
// One COPY tuple + the plan --> one sources::Document, as Elastic's row2doc and serialize
// build it:
//
//   {"<schema>_<table>_<col>": value, ... (column order),
//    "_timestamp": "...", "database": "...", "table": "..." or [...], "schema": "..."}
//   id = "<database>_<schema>_<sorted tables>_<key1>_<key2>..." (NULL key values skipped)
//
// Values are written straight from the tuple's bytes into the document's buffer; the only
// allocations are the document's own two strings, sized from the previous document.
// A value that cannot be written as Elastic would (NaN, years beyond 9999) is reported once
// per column, in the log.

#include <span>
#include <string>
#include <vector>

#include "sources/document.hpp"
#include "sources/postgresql/copy_binary_parser.hpp"
#include "sources/postgresql/table_plan.hpp"

namespace connectors::sources::postgresql {

class DocumentBuilder {
 public:
  // `timestamp`: the documents' `_timestamp`, already formatted.
  DocumentBuilder(const TablePlan& plan, std::string timestamp);

  // `fields` in the plan's column order (the COPY's). Throws PgError on malformed values.
  Document build(std::span<const CopyField> fields);

 private:
  void report(std::size_t column, const codecs::ValueNotes& notes);

  const TablePlan& plan_;
  std::string timestamp_;
  std::string table_json_;  // the `table` value, as JSON
  std::vector<codecs::ValueNotes> reported_;
  std::size_t json_capacity_ = 256;
  std::size_t id_capacity_ = 64;
};

}  // namespace connectors::sources::postgresql
