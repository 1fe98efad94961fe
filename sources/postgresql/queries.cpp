#include "sources/postgresql/queries.hpp"

namespace connectors::sources::postgresql::queries {

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
                       const std::vector<CopyColumn>& columns) {
  std::string sql = "COPY (SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += quoter.quote_identifier(columns[i].name);
    switch (columns[i].cast) {
      case CopyCast::kNone: break;
      case CopyCast::kText: sql += "::text"; break;
      case CopyCast::kTextArray: sql += "::text[]"; break;
    }
  }
  sql += " FROM " + qualified_name(quoter, schema, table) + ") TO STDOUT (FORMAT binary)";
  return sql;
}

}  // namespace connectors::sources::postgresql::queries
