#include "sources/postgresql/table_plan.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/quoter.hpp"
#include "sources/postgresql/testing/type_catalogs.hpp"

namespace connectors::sources::postgresql {
namespace {

const TypeCatalog kTypes = testing::builtin_types();

DocumentOrigin table(std::string database, std::string schema, std::string name) {
  return DocumentOrigin{std::move(database), std::move(schema), {std::move(name)}, false};
}

TEST(TablePlan, KeysIdPrefixAndCopyColumns) {
  auto plan = TablePlan::build(table("xe", "Public", "Emp \"Table\""),
                               {{"Id", 23, "integer"}, {"Name", 25, "text"}, {"span", 1186, "interval"}}, kTypes);
  ASSERT_EQ(plan.slots().size(), 3u);
  EXPECT_EQ(plan.slots()[0].key, "public_emp \"table\"_id");
  EXPECT_EQ(plan.slots()[1].key, "public_emp \"table\"_name");
  EXPECT_EQ(plan.id_prefix(), "xe_Public_Emp \"Table\"_");
  ASSERT_TRUE(plan.set_keys({"public_emp \"table\"_id"}));
  EXPECT_EQ(plan.key_columns(), std::vector<std::size_t>{0});
  EXPECT_EQ(plan.describe_text_fallbacks(), "span (interval)");
  EXPECT_TRUE(plan.columns()[2].elastic_fails);
  const StandardQuoter quoter;
  EXPECT_EQ(queries::copy_table(quoter, "Public", "Emp \"Table\"", plan.copy_columns()),
            "COPY (SELECT \"Id\", \"Name\", \"span\"::text FROM \"Public\".\"Emp \"\"Table\"\"\") "
            "TO STDOUT (FORMAT binary)");
}

TEST(TablePlan, CompositeKeysKeepTheGivenOrder) {
  auto plan = TablePlan::build(table("db", "s", "t"), {{"a", 23, "integer"}, {"b", 25, "text"}, {"c", 23, "integer"}},
                               kTypes);
  ASSERT_TRUE(plan.set_keys({"s_t_c", "s_t_a"}));
  EXPECT_EQ(plan.key_columns(), (std::vector<std::size_t>{2, 0}));
}

TEST(TablePlan, ColumnsDifferingOnlyInCaseShareOneKey) {
  // Python's dict(zip(keys, row)): first position, last value.
  auto plan = TablePlan::build(table("db", "s", "t"), {{"id", 23, "integer"}, {"x", 23, "integer"}, {"X", 25, "text"}},
                               kTypes);
  ASSERT_EQ(plan.slots().size(), 2u);
  EXPECT_EQ(plan.slots()[1].key, "s_t_x");
  EXPECT_EQ(plan.slots()[1].column, 2u);
  EXPECT_EQ(plan.columns().size(), 3u);  // every column is still read
  ASSERT_TRUE(plan.set_keys({"s_t_x"}));
  EXPECT_EQ(plan.key_columns(), std::vector<std::size_t>{2});
}

TEST(TablePlan, AKeyThatIsNotAColumnLeavesTheKeysUnset) {
  auto plan = TablePlan::build(table("db", "s", "t"), {{"a", 23, "integer"}}, kTypes);
  EXPECT_FALSE(plan.set_keys({"s_t_b"}));
  EXPECT_TRUE(plan.key_columns().empty());
}

TEST(TablePlan, RulesPrefixKeysWithTheSortedTablesAndKeepTheirList) {
  // A rule on ["Employee", "customer"] whose join returns two "id" columns.
  const DocumentOrigin origin{"xe", "public", {"Employee", "customer"}, true};
  auto plan = TablePlan::build(origin, {{"id", 23, "integer"}, {"name", 25, "text"}, {"id", 23, "integer"}}, kTypes);
  ASSERT_EQ(plan.slots().size(), 2u);
  EXPECT_EQ(plan.slots()[0].key, "public_employee_customer_id");  // sorted: 'E' < 'c'
  EXPECT_EQ(plan.slots()[0].column, 2u);
  EXPECT_EQ(plan.id_prefix(), "xe_public_Employee_customer_");
  // Each table's primary key "id" maps to the same key: its value appears twice.
  ASSERT_TRUE(plan.set_keys({"public_employee_customer_id", "public_employee_customer_id"}));
  EXPECT_EQ(plan.key_columns(), (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(origin.describe(), "query for tables Employee, customer");
  EXPECT_EQ(table("d", "s", "t").describe(), "table 't'");
}

}  // namespace
}  // namespace connectors::sources::postgresql
