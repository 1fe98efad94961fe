#include "sources/postgresql/table_plan.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql {
namespace {

using codecs::Codec;

ColumnInfo column(std::string name, std::uint32_t oid, std::string type_name, char category = 'N',
                  std::uint32_t element = 0, char kind = 'b', std::uint32_t base = 0, int length = 4) {
  return ColumnInfo{std::move(name), oid, std::move(type_name), category, element, kind, base, length};
}

TEST(TablePlan, ChoosesCodecsAndTextFallbacks) {
  queries::CopyCast cast;
  EXPECT_EQ(plan_codec(column("a", 23, "integer"), cast).codec, Codec::kInt4);
  EXPECT_EQ(cast, queries::CopyCast::kNone);

  // int4[]: binary array of int4.
  auto array = plan_codec(column("b", 1007, "integer[]", 'A', 23, 'b', 0, -1), cast);
  EXPECT_EQ(array.codec, Codec::kArray);
  EXPECT_EQ(array.element, Codec::kInt4);
  EXPECT_EQ(array.element_oid, 23u);
  EXPECT_EQ(cast, queries::CopyCast::kNone);

  // interval: no codec yet -> ::text.
  EXPECT_EQ(plan_codec(column("c", 1186, "interval", 'T', 0, 'b', 0, 16), cast).codec, Codec::kText);
  EXPECT_EQ(cast, queries::CopyCast::kText);

  // point[]: the array keeps its shape, elements as text.
  array = plan_codec(column("d", 1017, "point[]", 'A', 600, 'b', 0, -1), cast);
  EXPECT_EQ(array.codec, Codec::kArray);
  EXPECT_EQ(array.element, Codec::kText);
  EXPECT_EQ(array.element_oid, 25u);
  EXPECT_EQ(cast, queries::CopyCast::kTextArray);

  // A domain over int8 is read as int8; a domain over int4[] falls back to text.
  EXPECT_EQ(plan_codec(column("e", 90000, "my_id", 'N', 0, 'd', 20, 8), cast).codec, Codec::kInt8);
  EXPECT_EQ(cast, queries::CopyCast::kNone);
  EXPECT_EQ(plan_codec(column("f", 90001, "my_ints", 'A', 23, 'd', 1007, -1), cast).codec, Codec::kText);
  EXPECT_EQ(cast, queries::CopyCast::kText);

  // An enum (typtype 'e') and "name", which has a typelem but is not an array.
  EXPECT_EQ(plan_codec(column("g", 90002, "mood", 'E', 0, 'e', 0, 4), cast).codec, Codec::kText);
  EXPECT_EQ(cast, queries::CopyCast::kText);
  EXPECT_EQ(plan_codec(column("h", 19, "name", 'S', 18, 'b', 0, 64), cast).codec, Codec::kText);
  EXPECT_EQ(cast, queries::CopyCast::kNone);
}

TEST(TablePlan, KeysIdPrefixAndCopyStatement) {
  const StandardQuoter quoter;
  const auto plan = TablePlan::build(
      {"xe", "Public", "Emp \"Table\""},
      {column("Id", 23, "integer"), column("Name", 25, "text", 'S', 0, 'b', 0, -1),
       column("span", 1186, "interval", 'T', 0, 'b', 0, 16)},
      {"Id"}, quoter);
  ASSERT_EQ(plan.slots().size(), 3u);
  EXPECT_EQ(plan.slots()[0].key, "public_emp \"table\"_id");
  EXPECT_EQ(plan.slots()[1].key, "public_emp \"table\"_name");
  EXPECT_EQ(plan.id_prefix(), "xe_Public_Emp \"Table\"_");
  EXPECT_EQ(plan.key_columns(), std::vector<std::size_t>{0});
  EXPECT_EQ(plan.copy_sql(),
            "COPY (SELECT \"Id\", \"Name\", \"span\"::text FROM \"Public\".\"Emp \"\"Table\"\"\") "
            "TO STDOUT (FORMAT binary)");
  EXPECT_EQ(plan.describe_text_fallbacks(), "span (interval)");
}

TEST(TablePlan, CompositeKeysKeepConstraintOrder) {
  const StandardQuoter quoter;
  const auto plan = TablePlan::build(
      {"db", "s", "t"}, {column("a", 23, "integer"), column("b", 25, "text"), column("c", 23, "integer")},
      {"c", "a"}, quoter);
  EXPECT_EQ(plan.key_columns(), (std::vector<std::size_t>{2, 0}));
}

TEST(TablePlan, ColumnsDifferingOnlyInCaseShareOneKey) {
  // Python's dict(zip(keys, row)): first position, last value.
  const StandardQuoter quoter;
  const auto plan = TablePlan::build(
      {"db", "s", "t"}, {column("id", 23, "integer"), column("x", 23, "integer"), column("X", 25, "text")},
      {"id"}, quoter);
  ASSERT_EQ(plan.slots().size(), 2u);
  EXPECT_EQ(plan.slots()[1].key, "s_t_x");
  EXPECT_EQ(plan.slots()[1].column, 2u);
  EXPECT_EQ(plan.columns().size(), 3u);  // every column is still read
}

TEST(TablePlan, AMissingKeyColumnIsAnError) {
  const StandardQuoter quoter;
  EXPECT_THROW(TablePlan::build({"db", "s", "t"}, {column("a", 23, "integer")}, {"b"}, quoter), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql
