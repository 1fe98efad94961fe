#include "sources/postgresql/codecs/json_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT '{"a": [1, 2.5], "b": null}'::json, '{"b": {"c": true}, "a": 1}'::jsonb
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a00000000000000000000020000001a7b2261223a205b312c20322e355d2c202262223a"
    "206e756c6c7d0000001b017b2261223a20312c202262223a207b2263223a20747275657d7dffff");

TEST(JsonCodec, EmbedsJsonAndJsonbAsNestedValues) {
  EXPECT_EQ(json_of(Codec::kJson, *kCaptured[0]), R"({"a":[1,2.5],"b":null})");
  EXPECT_EQ(json_of(Codec::kJsonb, *kCaptured[1]), R"({"a":1,"b":{"c":true}})");
}

TEST(JsonCodec, DropsOnlyWhitespaceOutsideStrings) {
  std::string out;
  append_json_compact(out, "{\n  \"a b\" :\t\"x \\\" y\\\\\" , \"c\": [ 1 ,\r\n 2 ] }");
  EXPECT_EQ(out, R"({"a b":"x \" y\\","c":[1,2]})");
}

TEST(JsonCodec, JsonbNeedsItsVersionByte) {
  EXPECT_THROW(jsonb_text(""), PgError);
  EXPECT_THROW(jsonb_text("\x02{}"), PgError);
  EXPECT_EQ(jsonb_text("\x01[]"), "[]");
}

TEST(JsonCodec, ValuesFollowingAJsonValueGetTheirSeparator) {
  std::string out;
  core::JsonWriter writer(out);
  writer.begin_array();
  write_json(ValueCodec{Codec::kJson}, "{}", writer);
  write_json(ValueCodec{Codec::kJson}, "[1]", writer);
  writer.end_array();
  EXPECT_EQ(out, "[{},[1]]");
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
