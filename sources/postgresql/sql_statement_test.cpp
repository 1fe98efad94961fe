#include "sources/postgresql/sql_statement.hpp"

#include <gtest/gtest.h>

namespace connectors::sources::postgresql {
namespace {

TEST(SqlStatement, TrailingSemicolonsAndCommentsAreNotPartOfTheBody) {
  EXPECT_EQ(analyze_statement("SELECT * FROM t").body, "SELECT * FROM t");
  EXPECT_EQ(analyze_statement("SELECT * FROM t;").body, "SELECT * FROM t");
  EXPECT_EQ(analyze_statement("  SELECT 1 ;; -- done\n  /* really */ ").body, "  SELECT 1");
  // A trailing line comment stays (the COPY wraps the query in newlines).
  EXPECT_EQ(analyze_statement("SELECT 1 -- the answer").body, "SELECT 1 -- the answer");
  EXPECT_FALSE(analyze_statement("SELECT 1; -- nothing else").several_statements);
}

TEST(SqlStatement, SemicolonsInsideLiteralsAndCommentsDoNotCount) {
  for (const std::string sql : {"SELECT ';' AS a, \"x;y\" FROM t",
                                "SELECT E'it\\'s; fine' FROM t",
                                "SELECT 'it''s; fine' FROM t",
                                "SELECT $$a;b$$, $tag$ ; $$ ; $tag$ FROM t",
                                "SELECT 1 /* a; /* nested; */ still; */ FROM t",
                                "SELECT 1 -- a; b\nFROM t"}) {
    const StatementShape shape = analyze_statement(sql);
    EXPECT_FALSE(shape.several_statements) << sql;
    EXPECT_EQ(shape.body, sql) << sql;
    EXPECT_EQ(shape.first_keyword, "select") << sql;
  }
  // $1 is a parameter, not a dollar quote.
  EXPECT_FALSE(analyze_statement("SELECT $1; ").several_statements);
}

TEST(SqlStatement, SeveralStatementsAreFound) {
  const StatementShape shape = analyze_statement("SELECT 1; DELETE FROM t");
  EXPECT_TRUE(shape.several_statements);
  EXPECT_EQ(shape.body, "SELECT 1");
  EXPECT_TRUE(analyze_statement("SELECT 1;\n/* c */ DROP TABLE t;").several_statements);
}

TEST(SqlStatement, FirstKeywordTellsReadsFromWrites) {
  EXPECT_EQ(analyze_statement("-- c\n /* d */ Select 1").first_keyword, "select");
  EXPECT_EQ(analyze_statement("(SELECT 1) UNION (SELECT 2)").first_keyword, "(");
  EXPECT_EQ(analyze_statement("DELETE FROM t RETURNING *").first_keyword, "delete");
  EXPECT_EQ(analyze_statement("  ").first_keyword, "");
  for (const char* reads : {"select", "with", "values", "table", "("}) EXPECT_TRUE(is_query_keyword(reads)) << reads;
  for (const char* writes : {"insert", "update", "delete", "merge", "create", "drop", "truncate", "copy", "call",
                             "do", "set", "lock", "explain", ""}) {
    EXPECT_FALSE(is_query_keyword(writes)) << writes;
  }
}

}  // namespace
}  // namespace connectors::sources::postgresql
