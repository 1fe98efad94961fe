#include "sources/postgresql/quoter.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/queries.hpp"

namespace connectors::sources::postgresql {
namespace {

TEST(StandardQuoter, QuotesIdentifiersAlways) {
  const StandardQuoter q;
  EXPECT_EQ(q.quote_identifier("customers"), "\"customers\"");
  EXPECT_EQ(q.quote_identifier("Emp Table"), "\"Emp Table\"");
  EXPECT_EQ(q.quote_identifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(q.quote_identifier(""), "\"\"");
}

TEST(StandardQuoter, QuotesLiteralsAsPQescapeLiteral) {
  const StandardQuoter q;
  EXPECT_EQ(q.quote_literal("xe"), "'xe'");
  EXPECT_EQ(q.quote_literal("it's"), "'it''s'");
  EXPECT_EQ(q.quote_literal("a\\b'c"), " E'a\\\\b''c'");
}

TEST(Queries, StatementsQuoteEveryName) {
  const StandardQuoter q;
  EXPECT_EQ(queries::qualified_name(q, "Public", "a\"b"), "\"Public\".\"a\"\"b\"");
  EXPECT_EQ(queries::table_has_rows(q, "public", "Customers"),
            "SELECT EXISTS (SELECT 1 FROM \"public\".\"Customers\")");
  EXPECT_EQ(queries::last_update_time(q, "public", "t"),
            "SELECT MAX(pg_xact_commit_timestamp(xmin)) FROM \"public\".\"t\"");
  EXPECT_EQ(queries::copy_table(q, "s", "t",
                                {{"id", queries::CopyCast::kNone},
                                 {"Where", queries::CopyCast::kText},
                                 {"x\"y", queries::CopyCast::kTextArray}}),
            "COPY (SELECT \"id\", \"Where\"::text, \"x\"\"y\"::text[] FROM \"s\".\"t\") TO STDOUT "
            "(FORMAT binary)");
}

}  // namespace
}  // namespace connectors::sources::postgresql
