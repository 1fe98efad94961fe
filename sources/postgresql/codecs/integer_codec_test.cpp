#include "sources/postgresql/codecs/integer_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT 1::int2, -2::int4, 9223372036854775807::int8, 4294967295::oid
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a000000000000000000000400000002000100000004fffffffe00000008"
    "7fffffffffffffff00000004ffffffffffff");

TEST(IntegerCodec, DecodesCapturedValues) {
  EXPECT_EQ(decode_int2(*kCaptured[0]), 1);
  EXPECT_EQ(decode_int4(*kCaptured[1]), -2);
  EXPECT_EQ(decode_int8(*kCaptured[2]), 9223372036854775807LL);
  EXPECT_EQ(decode_oid(*kCaptured[3]), 4294967295u);
}

TEST(IntegerCodec, JsonAndPythonStrAreTheDigits) {
  EXPECT_EQ(json_of(Codec::kInt4, *kCaptured[1]), "-2");
  EXPECT_EQ(json_of(Codec::kInt8, *kCaptured[2]), "9223372036854775807");
  EXPECT_EQ(json_of(Codec::kOid, *kCaptured[3]), "4294967295");
  EXPECT_EQ(str_of(Codec::kInt2, *kCaptured[0]), "1");
  EXPECT_EQ(str_of(Codec::kInt8, from_hex("8000000000000000")), "-9223372036854775808");
  EXPECT_EQ(str_of(Codec::kOid, *kCaptured[3]), "4294967295");
}

TEST(IntegerCodec, RejectsWrongSizes) {
  EXPECT_THROW(decode_int2(from_hex("000001")), PgError);
  EXPECT_THROW(decode_int4(from_hex("0001")), PgError);
  EXPECT_THROW(decode_int8(from_hex("00000001")), PgError);
  EXPECT_THROW(decode_oid(""), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
