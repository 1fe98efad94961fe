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
}

TEST(Codec, OtherTypesHaveNoBinaryCodec) {
  for (std::uint32_t oid : {1186u /* interval */, 600u /* point */, 1560u /* bit */,
                            1562u /* varbit */, 790u /* money */, 142u /* xml */,
                            3904u /* int4range */, 3614u /* tsvector */, 1007u /* int4[] */}) {
    EXPECT_EQ(scalar_codec_for_type(oid), std::nullopt) << oid;
  }
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
