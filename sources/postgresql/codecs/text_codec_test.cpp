#include "sources/postgresql/codecs/text_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT 'héllo'::text, 'ab  '::char(4), '\x00ff41'::bytea
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a00000000000000000000030000000668c3a96c6c6f00000004616220200000000300ff41ffff");

TEST(TextCodec, TextAndPaddedCharAreWrittenAsIs) {
  EXPECT_EQ(json_of(Codec::kText, *kCaptured[0]), "\"h\xc3\xa9llo\"");
  EXPECT_EQ(json_of(Codec::kText, *kCaptured[1]), "\"ab  \"");  // char(n) keeps its padding
  EXPECT_EQ(str_of(Codec::kText, *kCaptured[0]), "h\xc3\xa9llo");
  EXPECT_EQ(json_of(Codec::kText, "a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
}

TEST(TextCodec, ByteaIsLossyUtf8InJsonAndBytesReprInIds) {
  // bytes.decode(errors="ignore"): NUL kept (escaped), 0xff dropped.
  EXPECT_EQ(json_of(Codec::kBytea, *kCaptured[2]), "\"\\u0000A\"");
  EXPECT_EQ(str_of(Codec::kBytea, *kCaptured[2]), "b'\\x00\\xffA'");
  EXPECT_EQ(str_of(Codec::kBytea, "it's"), "b\"it's\"");
  EXPECT_EQ(str_of(Codec::kBytea, "'\"\\\t\n\r\x7f"), "b'\\'\"\\\\\\t\\n\\r\\x7f'");
  EXPECT_EQ(str_of(Codec::kBytea, ""), "b''");
}

TEST(TextCodec, InvalidUtf8IsDroppedFromIds) {
  std::string out;
  append_valid_utf8(out, "a\xff" "b\xc3\xa9" "\xe2\x82" "c\xed\xa0\x80");
  EXPECT_EQ(out, "ab\xc3\xa9" "c");
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
