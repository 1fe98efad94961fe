#pragma once
// The shape of an advanced rule's query, found by a small SQL lexer (strings, quoted
// identifiers, dollar quotes, nested comments), so that the query can be run as written
// inside a COPY:
//
//   "SELECT * FROM t; -- all"  ->  body "SELECT * FROM t", first keyword "select"
//   "SELECT 1; DELETE FROM t"  ->  several statements (refused: one query per rule)
//   "DELETE FROM t"            ->  first keyword "delete" (refused: rules only read)
//
// The server parses the query for real; this only needs to be right for valid SQL.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql {

struct StatementShape {
  // The text up to the first top-level ';' (or all of it), trailing whitespace removed.
  std::string body;
  // The first word, lower-cased ("select", "with", "delete"...), "(" for a parenthesised
  // query, "" when there is nothing but whitespace and comments.
  std::string first_keyword;
  // More SQL follows a top-level ';'.
  bool several_statements = false;
};

StatementShape analyze_statement(std::string_view sql);

// Whether a query starting with `first_keyword` can only read: SELECT, WITH (whose
// data-modifying parts the read-only transaction refuses), VALUES, TABLE, or "(".
bool is_query_keyword(std::string_view first_keyword);

}  // namespace connectors::sources::postgresql
