#include "sources/postgresql/type_mapping.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/type_catalogs.hpp"

namespace connectors::sources::postgresql {
namespace {

using codecs::Codec;
using queries::CopyCast;

TEST(TypeMapping, ScalarsWithABinaryCodec) {
  const TypeCatalog types = testing::builtin_types();
  const ColumnMapping integer = map_column_type(23, types);
  EXPECT_EQ(integer.codec.codec, Codec::kInt4);
  EXPECT_EQ(integer.cast, CopyCast::kNone);
  EXPECT_FALSE(integer.elastic_fails);
  // "name" has a typelem but is not an array; point neither (fixed length).
  EXPECT_EQ(map_column_type(19, types).codec.codec, Codec::kText);
  EXPECT_EQ(map_column_type(600, types).codec.codec, Codec::kPoint);
  EXPECT_EQ(map_column_type(600, types).cast, CopyCast::kNone);
  EXPECT_EQ(map_column_type(18, types).codec.codec, Codec::kBytea);
}

TEST(TypeMapping, ArraysOfScalarsAreBinaryWithTheirElementType) {
  const TypeCatalog types = testing::builtin_types();
  const ColumnMapping ints = map_column_type(1007, types);
  EXPECT_EQ(ints.codec.codec, Codec::kArray);
  EXPECT_EQ(ints.codec.element, Codec::kInt4);
  EXPECT_EQ(ints.codec.element_oid, 23u);
  EXPECT_EQ(ints.cast, CopyCast::kNone);
  const ColumnMapping points = map_column_type(1017, types);
  EXPECT_EQ(points.codec.element, Codec::kPoint);
  EXPECT_EQ(points.cast, CopyCast::kNone);
}

TEST(TypeMapping, TextFallbackMatchesElasticForTypesAsyncpgReadsAsText) {
  TypeCatalog types = testing::builtin_types();
  types.add({90002, "mood", 'e', 'E', 0, 0, 4});      // an enum
  types.add({90003, "hstore", 'b', 'U', 0, 0, -1});   // an extension's type
  for (const std::uint32_t oid : {790u, 90002u, 90003u}) {
    const ColumnMapping mapping = map_column_type(oid, types);
    EXPECT_EQ(mapping.codec.codec, Codec::kText) << oid;
    EXPECT_EQ(mapping.cast, CopyCast::kText) << oid;
    EXPECT_FALSE(mapping.elastic_fails) << oid;
  }
}

TEST(TypeMapping, TypesElasticCannotSerialiseAreTextAndFlagged) {
  TypeCatalog types = testing::builtin_types();
  types.add({90004, "address", 'c', 'C', 0, 0, -1});  // a composite
  for (const std::uint32_t oid : {1186u, 3904u, 4451u, 2249u, 4600u, 90004u}) {
    const ColumnMapping mapping = map_column_type(oid, types);
    EXPECT_EQ(mapping.codec.codec, Codec::kText) << oid;
    EXPECT_EQ(mapping.cast, CopyCast::kText) << oid;
    EXPECT_TRUE(mapping.elastic_fails) << oid;
  }
  // Arrays of them keep their shape, elements as text.
  for (const std::uint32_t oid : {1187u, 3905u}) {
    const ColumnMapping mapping = map_column_type(oid, types);
    EXPECT_EQ(mapping.codec.codec, Codec::kArray) << oid;
    EXPECT_EQ(mapping.codec.element, Codec::kText) << oid;
    EXPECT_EQ(mapping.codec.element_oid, 25u) << oid;
    EXPECT_EQ(mapping.cast, CopyCast::kTextArray) << oid;
    EXPECT_TRUE(mapping.elastic_fails) << oid;
  }
}

TEST(TypeMapping, DomainsAreTheirBaseTypeThroughAnyDepth) {
  TypeCatalog types = testing::builtin_types();
  types.add({90010, "my_id", 'd', 'N', 0, 20, 8});          // domain over bigint
  types.add({90011, "my_id2", 'd', 'N', 0, 90010, 8});      // domain over that domain
  types.add({90012, "my_ints", 'd', 'A', 0, 1007, -1});     // domain over integer[]
  types.add({90013, "_my_id", 'b', 'A', 90010, 0, -1});     // array of the domain
  types.add({90014, "my_span", 'd', 'T', 0, 1186, 16});     // domain over interval
  EXPECT_EQ(map_column_type(90011, types).codec.codec, Codec::kInt8);
  const ColumnMapping ints = map_column_type(90012, types);
  EXPECT_EQ(ints.codec.codec, Codec::kArray);
  EXPECT_EQ(ints.codec.element_oid, 23u);
  const ColumnMapping ids = map_column_type(90013, types);
  EXPECT_EQ(ids.codec.element, Codec::kInt8);
  EXPECT_EQ(ids.codec.element_oid, 90010u);  // the data names the domain
  EXPECT_TRUE(map_column_type(90014, types).elastic_fails);
}

TEST(TypeMapping, MissingListsWhatStillHasToBeLoaded) {
  TypeCatalog types;
  const std::vector<std::uint32_t> wanted = {90013, 23};
  EXPECT_EQ(types.missing(wanted), (std::vector<std::uint32_t>{23, 90013}));
  types.add({90013, "_my_id", 'b', 'A', 90010, 0, -1});
  types.add({23, "integer", 'b', 'N', 0, 0, 4});
  EXPECT_EQ(types.missing(wanted), (std::vector<std::uint32_t>{90010}));
  types.add({90010, "my_id", 'd', 'N', 0, 20, 8});
  EXPECT_EQ(types.missing(wanted), (std::vector<std::uint32_t>{20}));
  types.add({20, "bigint", 'b', 'N', 0, 0, 8});
  EXPECT_TRUE(types.missing(wanted).empty());
  EXPECT_THROW(map_column_type(12345, types), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql
