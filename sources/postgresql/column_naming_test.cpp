#include "sources/postgresql/column_naming.hpp"

#include <gtest/gtest.h>


namespace connectors::sources::postgresql {
namespace {

// Elastic's test_map_column_names, with the column left empty to see the prefix.
TEST(ColumnNaming, ElasticsPrefixTable) {
  EXPECT_EQ(map_column_name("", "", {}), "");                           // (None, None)
  EXPECT_EQ(map_column_name("", "Schema", {}), "schema_");              // ("Schema", None/[])
  EXPECT_EQ(map_column_name("", "", {"Table"}), "table_");              // (None, ["Table"])
  EXPECT_EQ(map_column_name("", " ", {"Table"}), "table_");             // (" ", ["Table"])
  EXPECT_EQ(map_column_name("", "Schema", {"Table"}), "schema_table_");
  EXPECT_EQ(map_column_name("", "Schema", {"Table1", "Table2"}), "schema_table1_table2_");
  EXPECT_EQ(map_column_name("", "Schema", {"b", "a"}), "schema_a_b_");  // sorted
}

TEST(ColumnNaming, KeysAreLowerCased) {
  EXPECT_EQ(map_column_name("Id", "public", {"Emp_Table"}), "public_emp_table_id");
  EXPECT_EQ(map_column_name("ids", " public ", {"emp_table"}), "public_emp_table_ids");
  EXPECT_EQ(python_lower("\xc3\x89T\xc3\x89 \xce\x91\xd0\x96 \xc3\x97"),  // ÉTÉ ΑЖ ×
            "\xc3\xa9t\xc3\xa9 \xce\xb1\xd0\xb6 \xc3\x97");
}

TEST(ColumnNaming, IdPrefixKeepsConfiguredCase) {
  EXPECT_EQ(id_prefix("xe", "public", {"emp_table"}), "xe_public_emp_table_");
  EXPECT_EQ(id_prefix("XE", "Public", {"T2", "T1"}), "XE_Public_T1_T2_");
}

}  // namespace
}  // namespace connectors::sources::postgresql
