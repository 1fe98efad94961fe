#include "sources/postgresql/codecs/array_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/codecs/codec.hpp"
#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT '{1,NULL,3}'::int4[], '{{a,b},{c,d}}'::text[], '{}'::int4[]
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a000000000000000000000300000028000000010000000100000017000000030000000100"
    "00000400000001ffffffff0000000400000003000000300000000200000000000000190000000200000001000000"
    "020000000100000001610000000162000000016300000001640000000c000000000000000000000017ffff");

const ValueCodec kInt4Array{Codec::kArray, Codec::kInt4, 23};
const ValueCodec kTextArray{Codec::kArray, Codec::kText, 25};

TEST(ArrayCodec, OneDimensionWithNulls) {
  EXPECT_EQ(json_of(kInt4Array, *kCaptured[0]), "[1,null,3]");
}

TEST(ArrayCodec, MultipleDimensionsNest) {
  EXPECT_EQ(json_of(kTextArray, *kCaptured[1]), R"([["a","b"],["c","d"]])");
}

TEST(ArrayCodec, EmptyArray) { EXPECT_EQ(json_of(kInt4Array, *kCaptured[2]), "[]"); }

TEST(ArrayCodec, ElementsOfOtherCodecs) {
  // '{192.168.1.1,10.0.0.0/8}' as inet[] (element type 869), hand-built.
  const std::string inets = from_hex(
      "00000001" "00000000" "00000365" "00000002" "00000001"
      "00000008" "02200004c0a80101"
      "00000008" "020801040a000000");
  EXPECT_EQ(json_of(ValueCodec{Codec::kArray, Codec::kInet, 869}, inets),
            R"(["192.168.1.1","10.0.0.0/8"])");
}

TEST(ArrayCodec, PythonStrIsTheListsRepr) {
  std::string out;
  append_python_str(kInt4Array, *kCaptured[0], out);
  EXPECT_EQ(out, "[1, None, 3]");
  out.clear();
  append_python_str(kTextArray, *kCaptured[1], out);
  EXPECT_EQ(out, "[['a', 'b'], ['c', 'd']]");
  out.clear();
  append_python_str(kInt4Array, *kCaptured[2], out);
  EXPECT_EQ(out, "[]");
}

TEST(ArrayCodec, RejectsMalformedArrays) {
  // Another element type than planned.
  EXPECT_THROW(json_of(ValueCodec{Codec::kArray, Codec::kInt8, 20}, *kCaptured[0]), PgError);
  // Truncated anywhere.
  const std::string& bytes = *kCaptured[1];
  for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
    EXPECT_THROW(json_of(kTextArray, bytes.substr(0, cut)), PgError) << cut;
  }
  // Trailing bytes, 7 dimensions, a negative dimension, more elements than bytes.
  EXPECT_THROW(json_of(kTextArray, bytes + "x"), PgError);
  EXPECT_THROW(json_of(kInt4Array, from_hex("00000007" "00000000" "00000017")), PgError);
  EXPECT_THROW(json_of(kInt4Array, from_hex("00000001" "00000000" "00000017" "ffffffff" "00000001")), PgError);
  EXPECT_THROW(json_of(kInt4Array, from_hex("00000002" "00000000" "00000017" "7fffffff" "00000001"
                                            "7fffffff" "00000001")),
               PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
