#include "sources/postgresql/codecs/bool_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT true, false
const Row kCaptured = captured_row("5047434f50590aff0d0a000000000000000000000200000001010000000100ffff");

TEST(BoolCodec, DecodesToJsonAndPythonStr) {
  EXPECT_TRUE(decode_bool(*kCaptured[0]));
  EXPECT_FALSE(decode_bool(*kCaptured[1]));
  EXPECT_EQ(json_of(Codec::kBool, *kCaptured[0]), "true");
  EXPECT_EQ(json_of(Codec::kBool, *kCaptured[1]), "false");
  EXPECT_EQ(str_of(Codec::kBool, *kCaptured[0]), "True");
  EXPECT_EQ(str_of(Codec::kBool, *kCaptured[1]), "False");
  EXPECT_THROW(decode_bool(""), PgError);
  EXPECT_THROW(decode_bool("\x01\x01"), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
