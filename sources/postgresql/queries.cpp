#include "sources/postgresql/queries.hpp"

namespace connectors::sources::postgresql::queries {
namespace {

void append_cast(std::string& sql, CopyCast cast) {
  switch (cast) {
    case CopyCast::kNone: break;
    case CopyCast::kText: sql += "::text"; break;
    case CopyCast::kTextArray: sql += "::text[]"; break;
  }
}

}  // namespace

std::string qualified_name(const Quoter& quoter, std::string_view schema, std::string_view table) {
  return quoter.quote_identifier(schema) + "." + quoter.quote_identifier(table);
}

std::string table_has_rows(const Quoter& quoter, std::string_view schema, std::string_view table) {
  return "SELECT EXISTS (SELECT 1 FROM " + qualified_name(quoter, schema, table) + ")";
}

std::string last_update_time(const Quoter& quoter, std::string_view schema, std::string_view table) {
  return "SELECT MAX(pg_xact_commit_timestamp(xmin)) FROM " + qualified_name(quoter, schema, table);
}

std::string copy_table(const Quoter& quoter, std::string_view schema, std::string_view table,
                       const std::vector<CopyColumn>& columns, std::string_view filter) {
  std::string sql = "COPY (SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += quoter.quote_identifier(columns[i].name);
    append_cast(sql, columns[i].cast);
  }
  sql += " FROM " + qualified_name(quoter, schema, table);
  if (!filter.empty()) {
    sql += " WHERE ";
    sql += filter;
  }
  sql += ") TO STDOUT (FORMAT binary)";
  return sql;
}

std::string changed_rows_filter(std::string_view quoted_lower_bound) {
  return "pg_xact_commit_timestamp(xmin) >= " + std::string(quoted_lower_bound) + "::timestamptz";
}

std::string copy_query(const Quoter& quoter, std::string_view query, const std::vector<CopyColumn>& columns) {
  bool casts = false;
  for (const auto& column : columns) casts = casts || column.cast != CopyCast::kNone;
  // Newlines around the query: a trailing "-- comment" in it must not swallow the ')'.
  if (!casts) return "COPY (\n" + std::string(query) + "\n) TO STDOUT (FORMAT binary)";
  std::string select;
  std::string aliases;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string alias = quoter.quote_identifier("c" + std::to_string(i + 1));
    if (i > 0) {
      select += ", ";
      aliases += ", ";
    }
    select += "q." + alias;
    append_cast(select, columns[i].cast);
    aliases += alias;
  }
  return "COPY (SELECT " + select + " FROM (\n" + std::string(query) + "\n) AS q(" + aliases +
         ")) TO STDOUT (FORMAT binary)";
}

}  // namespace connectors::sources::postgresql::queries
