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

std::string python(std::string_view text, JsonNotes* notes_out = nullptr) {
  std::string out;
  JsonNotes notes;
  append_json_python(out, text, notes);
  if (notes_out) *notes_out = notes;
  return out;
}

TEST(JsonCodec, EmbedsJsonAndJsonbAsNestedValues) {
  EXPECT_EQ(json_of(Codec::kJson, *kCaptured[0]), R"({"a":[1,2.5],"b":null})");
  EXPECT_EQ(json_of(Codec::kJsonb, *kCaptured[1]), R"({"a":1,"b":{"c":true}})");
}

TEST(JsonCodec, DropsOnlyWhitespaceOutsideStrings) {
  EXPECT_EQ(python("{\n  \"a b\" :\t\"x \\\" y\\\\\" , \"c\": [ 1 ,\r\n 2 ] }"), R"({"a b":"x \" y\\","c":[1,2]})");
}

TEST(JsonCodec, NumbersAsPythonReserialisesThem) {
  // json.loads then json.dumps: ints exact, other numbers through float and repr.
  EXPECT_EQ(python("[1.0e2, 1.50, 1e-7, 0.1, -0, 123456789012345678901234567890, 2E3, -0.0]"),
            "[100.0,1.5,1e-07,0.1,0,123456789012345678901234567890,2000.0,-0.0]");
  JsonNotes notes;
  EXPECT_EQ(python(R"({"big": 1e400, "small": 1e-400})", &notes), R"({"big":null,"small":0.0})");
  EXPECT_TRUE(notes.non_finite);
  EXPECT_EQ(python(R"(["1e400"])", &notes), R"(["1e400"])");  // strings are not numbers
  EXPECT_FALSE(notes.non_finite);
}

TEST(JsonCodec, DuplicateKeysKeepTheLastValueAtTheFirstPlace) {
  EXPECT_FALSE(has_duplicate_keys(R"({"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]})"));
  EXPECT_TRUE(has_duplicate_keys(R"({"a": 1, "b": 2, "a": 3})"));
  EXPECT_TRUE(has_duplicate_keys(R"([{"x": {"k": 1, "k": 2}}])"));
  EXPECT_FALSE(has_duplicate_keys(R"({"a": "a", "b": ["a", "a"]})"));
  // json keeps its input verbatim; Python's dict keeps the first position and the last value.
  EXPECT_EQ(json_of(Codec::kJson, R"({"a": 1, "b": 2.50, "a": {"c": 1, "c": 2}})"), R"({"a":{"c":2},"b":2.5})");
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
  write_json(ValueCodec{Codec::kJson}, R"({"a":1,"a":2})", writer);
  writer.end_array();
  EXPECT_EQ(out, R"([{},[1],{"a":2}])");
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
