#include "sources/postgresql/codecs/bit_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT B'10101010', B'11110000'::bit(8), '1101'::varbit, '101010101010'::varbit,
//        ''::varbit, B'1'
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a00000000000000000000060000000500000008aa0000000500000008f0000000050000"
    "0004d0000000060000000caaa00000000400000000000000050000000180ffff");

TEST(BitCodec, GroupsOfFourAsAsyncpgsAsString) {
  EXPECT_EQ(json_of(Codec::kBit, *kCaptured[0]), R"("1010 1010")");
  EXPECT_EQ(json_of(Codec::kBit, *kCaptured[1]), R"("1111 0000")");
  EXPECT_EQ(json_of(Codec::kBit, *kCaptured[2]), R"("1101")");
  EXPECT_EQ(json_of(Codec::kBit, *kCaptured[3]), R"("1010 1010 1010")");
  EXPECT_EQ(json_of(Codec::kBit, *kCaptured[4]), R"("")");
  EXPECT_EQ(json_of(Codec::kBit, *kCaptured[5]), R"("1")");
}

TEST(BitCodec, PythonStrIsTheRepr) {
  EXPECT_EQ(str_of(Codec::kBit, *kCaptured[0]), "<BitString 1010 1010>");
  EXPECT_EQ(str_of(Codec::kBit, *kCaptured[4]), "<BitString >");
}

TEST(BitCodec, RejectsALengthTheBytesDoNotHold) {
  EXPECT_THROW(json_of(Codec::kBit, from_hex("00000009aa")), PgError);
  EXPECT_THROW(json_of(Codec::kBit, from_hex("00000004aabb")), PgError);
  EXPECT_THROW(json_of(Codec::kBit, from_hex("ffffffff")), PgError);
  EXPECT_THROW(json_of(Codec::kBit, from_hex("0000")), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
