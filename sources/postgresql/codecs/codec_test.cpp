#include "sources/postgresql/codecs/codec.hpp"

#include <gtest/gtest.h>

namespace connectors::sources::postgresql::codecs {
namespace {

TEST(Codec, BuiltInTypesDecodedInBinary) {
  EXPECT_EQ(scalar_codec_for_type(16), Codec::kBool);
  EXPECT_EQ(scalar_codec_for_type(20), Codec::kInt8);
  EXPECT_EQ(scalar_codec_for_type(25), Codec::kText);
  EXPECT_EQ(scalar_codec_for_type(1042), Codec::kText);   // bpchar
  EXPECT_EQ(scalar_codec_for_type(1043), Codec::kText);   // varchar
  EXPECT_EQ(scalar_codec_for_type(19), Codec::kText);     // name
  EXPECT_EQ(scalar_codec_for_type(1700), Codec::kNumeric);
  EXPECT_EQ(scalar_codec_for_type(1184), Codec::kTimestampTz);
  EXPECT_EQ(scalar_codec_for_type(3802), Codec::kJsonb);
  EXPECT_EQ(scalar_codec_for_type(650), Codec::kInet);    // cidr
  EXPECT_EQ(scalar_codec_for_type(2950), Codec::kUuid);
  EXPECT_EQ(scalar_codec_for_type(142), Codec::kText);    // xml: its text, as asyncpg reads it
  EXPECT_EQ(scalar_codec_for_type(600), Codec::kPoint);
  EXPECT_EQ(scalar_codec_for_type(718), Codec::kCircle);
  EXPECT_EQ(scalar_codec_for_type(1560), Codec::kBit);
  EXPECT_EQ(scalar_codec_for_type(1562), Codec::kBit);    // varbit
  EXPECT_EQ(scalar_codec_for_type(27), Codec::kTid);
}

TEST(Codec, OtherTypesHaveNoBinaryCodec) {
  // Read as ::text: asyncpg's text types, and those Elastic's connector cannot serialise.
  for (std::uint32_t oid : {1186u /* interval */, 790u /* money */, 829u /* macaddr */,
                            3904u /* int4range */, 3614u /* tsvector */, 4072u /* jsonpath */,
                            2205u /* regclass */, 1007u /* int4[] */}) {
    EXPECT_EQ(scalar_codec_for_type(oid), std::nullopt) << oid;
  }
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
