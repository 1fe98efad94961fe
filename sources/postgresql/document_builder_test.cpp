#include "sources/postgresql/document_builder.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql {
namespace {

using testing::from_hex;

ColumnInfo int_column(std::string name) { return ColumnInfo{std::move(name), 23, "integer", 'N', 0, 'b', 0, 4}; }
ColumnInfo text_column(std::string name) { return ColumnInfo{std::move(name), 25, "text", 'S', 0, 'b', 0, -1}; }

CopyField field(const std::string& bytes) { return CopyField{bytes.data(), static_cast<std::int32_t>(bytes.size())}; }
const CopyField kNull{nullptr, -1};

TEST(DocumentBuilder, ElasticsUnitTestDocument) {
  // test_get_docs in Elastic's tests/sources/test_postgresql.py.
  const StandardQuoter quoter;
  const auto plan = TablePlan::build({"xe", "public", "emp_table"},
                                     {int_column("ids"), text_column("names")}, {"ids"}, quoter);
  DocumentBuilder builder(plan, "2023-02-21T08:37:15+00:00");
  const std::string one = from_hex("00000001");
  const std::string name = "abcd";
  const CopyField fields[] = {field(one), field(name)};
  const auto document = builder.build(fields);
  EXPECT_EQ(document.id, "xe_public_emp_table_1");
  EXPECT_EQ(document.json,
            R"({"public_emp_table_ids":1,"public_emp_table_names":"abcd",)"
            R"("_timestamp":"2023-02-21T08:37:15+00:00","database":"xe","table":"emp_table","schema":"public"})");
}

TEST(DocumentBuilder, NullKeyValuesAreSkippedInTheId) {
  const StandardQuoter quoter;
  const auto plan = TablePlan::build({"db", "s", "t"},
                                     {int_column("a"), text_column("b"), int_column("c")}, {"a", "b", "c"},
                                     quoter);
  DocumentBuilder builder(plan, "T");
  const std::string seven = from_hex("00000007");
  const std::string empty;
  const CopyField with_null[] = {field(seven), kNull, field(seven)};
  EXPECT_EQ(builder.build(with_null).id, "db_s_t_7_7");
  const CopyField with_empty[] = {kNull, field(empty), kNull};
  EXPECT_EQ(builder.build(with_empty).id, "db_s_t_");  // "" is kept, None is not
  const CopyField all_null[] = {kNull, kNull, kNull};
  const auto document = builder.build(all_null);
  EXPECT_EQ(document.id, "db_s_t_");
  EXPECT_EQ(document.json,
            R"({"s_t_a":null,"s_t_b":null,"s_t_c":null,"_timestamp":"T","database":"db","table":"t","schema":"s"})");
}

TEST(DocumentBuilder, MalformedValuesThrow) {
  const StandardQuoter quoter;
  const auto plan = TablePlan::build({"db", "s", "t"}, {int_column("a")}, {"a"}, quoter);
  DocumentBuilder builder(plan, "T");
  const std::string short_int = from_hex("0001");
  const CopyField fields[] = {field(short_int)};
  EXPECT_THROW(builder.build(fields), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql
