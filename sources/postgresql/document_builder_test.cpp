#include "sources/postgresql/document_builder.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"
#include "sources/postgresql/testing/type_catalogs.hpp"

namespace connectors::sources::postgresql {
namespace {

using testing::from_hex;

const TypeCatalog kTypes = testing::builtin_types();

ColumnInfo int_column(std::string name) { return ColumnInfo{std::move(name), 23, "integer"}; }
ColumnInfo text_column(std::string name) { return ColumnInfo{std::move(name), 25, "text"}; }

CopyField field(const std::string& bytes) { return CopyField{bytes.data(), static_cast<std::int32_t>(bytes.size())}; }
const CopyField kNull{nullptr, -1};

TablePlan plan_for(const std::string& database, const std::string& schema, const std::string& table,
                   std::vector<ColumnInfo> columns, const std::vector<std::string>& keys) {
  auto plan = TablePlan::build({database, schema, {table}, false}, std::move(columns), kTypes);
  EXPECT_TRUE(plan.set_keys(keys));
  return plan;
}

TEST(DocumentBuilder, ElasticsUnitTestDocument) {
  // test_get_docs in Elastic's tests/sources/test_postgresql.py.
  const auto plan = plan_for("xe", "public", "emp_table", {int_column("ids"), text_column("names")},
                             {"public_emp_table_ids"});
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

TEST(DocumentBuilder, RulesWriteTheTableListAndTheirKeys) {
  // test_get_docs_with_advanced_rules: "table" is the rule's list, the id the same.
  auto plan = TablePlan::build({"xe", "public", {"emp_table"}, true}, {int_column("ids"), text_column("names")},
                               kTypes);
  ASSERT_TRUE(plan.set_keys({"public_emp_table_ids"}));
  DocumentBuilder builder(plan, "T");
  const std::string one = from_hex("00000001");
  const std::string name = "abcd";
  const CopyField fields[] = {field(one), field(name)};
  const auto document = builder.build(fields);
  EXPECT_EQ(document.id, "xe_public_emp_table_1");
  EXPECT_EQ(document.json,
            R"({"public_emp_table_ids":1,"public_emp_table_names":"abcd",)"
            R"("_timestamp":"T","database":"xe","table":["emp_table"],"schema":"public"})");
}

TEST(DocumentBuilder, NullKeyValuesAreSkippedInTheId) {
  const auto plan = plan_for("db", "s", "t", {int_column("a"), text_column("b"), int_column("c")},
                             {"s_t_a", "s_t_b", "s_t_c"});
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

TEST(DocumentBuilder, NonFiniteNumbersBecomeNull) {
  const auto plan = plan_for("db", "s", "t", {int_column("id"), {"f", 701, "double precision"}}, {"s_t_id"});
  DocumentBuilder builder(plan, "T");
  const std::string one = from_hex("00000001");
  const std::string nan = from_hex("7ff8000000000000");
  const CopyField fields[] = {field(one), field(nan)};
  EXPECT_EQ(builder.build(fields).json,
            R"({"s_t_id":1,"s_t_f":null,"_timestamp":"T","database":"db","table":"t","schema":"s"})");
}

TEST(DocumentBuilder, MalformedValuesThrow) {
  const auto plan = plan_for("db", "s", "t", {int_column("a")}, {"s_t_a"});
  DocumentBuilder builder(plan, "T");
  const std::string short_int = from_hex("0001");
  const CopyField fields[] = {field(short_int)};
  EXPECT_THROW(builder.build(fields), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql
