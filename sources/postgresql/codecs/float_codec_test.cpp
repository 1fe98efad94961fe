#include "sources/postgresql/codecs/float_codec.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT 1.1::real, 'NaN'::float8, -0.5::float8, 1e300::float8
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a0000000000000000000004000000043f8ccccd000000087ff8000000000000"
    "00000008bfe0000000000000000000087e37e43c8800759cffff");

TEST(FloatCodec, Float4IsTheWidenedDoubleAsPythonPrintsIt) {
  // asyncpg returns float(1.1f); PostgreSQL itself prints '1.1'::real::float8 the same way.
  EXPECT_EQ(decode_float4(*kCaptured[0]), static_cast<double>(1.1f));
  EXPECT_EQ(json_of(Codec::kFloat4, *kCaptured[0]), "1.100000023841858");
  EXPECT_EQ(str_of(Codec::kFloat4, *kCaptured[0]), "1.100000023841858");
}

TEST(FloatCodec, Float8UsesPythonRepr) {
  EXPECT_EQ(json_of(Codec::kFloat8, *kCaptured[2]), "-0.5");
  EXPECT_EQ(json_of(Codec::kFloat8, *kCaptured[3]), "1e+300");
  EXPECT_EQ(json_of(Codec::kFloat8, from_hex("3ff0000000000000")), "1.0");
}

TEST(FloatCodec, NanAndInfinityAreNullInJson) {
  EXPECT_TRUE(std::isnan(decode_float8(*kCaptured[1])));
  EXPECT_EQ(json_of(Codec::kFloat8, *kCaptured[1]), "null");
  EXPECT_EQ(json_of(Codec::kFloat4, from_hex("ff800000")), "null");  // -Infinity
  EXPECT_EQ(str_of(Codec::kFloat8, *kCaptured[1]), "nan");
}

TEST(FloatCodec, RejectsWrongSizes) {
  EXPECT_THROW(decode_float4(from_hex("3f8ccc")), PgError);
  EXPECT_THROW(decode_float8(from_hex("3f8ccccd")), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
