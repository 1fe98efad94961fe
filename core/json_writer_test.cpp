#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <limits>

namespace connectors::core {
namespace {

TEST(JsonWriter, PlacesCommasAndColons) {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .key("a").number(std::int64_t{1})
      .key("b").begin_array().number(std::int64_t{2}).string("x").null().end_array()
      .key("c").begin_object().end_object()
      .key("d").boolean(false)
      .end_object();
  EXPECT_EQ(out, R"({"a":1,"b":[2,"x",null],"c":{},"d":false})");
  EXPECT_NO_THROW(boost::json::parse(out));
}

TEST(JsonWriter, NestedContainersKeepTheirOwnCommaState) {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.begin_array().number(std::int64_t{1}).number(std::int64_t{2}).end_array();
  w.begin_array().end_array();
  w.begin_object().key("k").begin_array().number(std::int64_t{3}).end_array().end_object();
  w.end_array();
  EXPECT_EQ(out, "[[1,2],[],{\"k\":[3]}]");
}

TEST(JsonWriter, EscapesStringsAndKeys) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("q\"k").string("a\"b\\c\nd\te\x01" "f\x1f").end_object();
  EXPECT_EQ(out, R"({"q\"k":"a\"b\\c\nd\te\u0001f\u001f"})");
  auto parsed = boost::json::parse(out);
  EXPECT_EQ(parsed.at("q\"k").as_string(), "a\"b\\c\nd\te\x01" "f\x1f");
}

TEST(JsonWriter, PassesUtf8Through) {
  std::string out;
  JsonWriter(out).string("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(out, "\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"");
}

TEST(JsonWriter, LossyStringDropsInvalidBytesLikePythonIgnore) {
  // b"a\xffb\xc3\xa9\xe2\x82c\xed\xa0\x80".decode("utf-8", errors="ignore") == "abéc"
  std::string out;
  JsonWriter(out).string_lossy("a\xff" "b\xC3\xA9\xE2\x82" "c\xED\xA0\x80");
  EXPECT_EQ(out, "\"ab\xC3\xA9" "c\"");
}

TEST(JsonWriter, DoublesUsePythonReprAndNonFiniteBecomesNull) {
  std::string out;
  JsonWriter w(out);
  w.begin_array()
      .number(1.0)
      .number(0.5)
      .number(1e16)
      .number(std::numeric_limits<double>::quiet_NaN())
      .number(-std::numeric_limits<double>::infinity())
      .end_array();
  EXPECT_EQ(out, "[1.0,0.5,1e+16,null,null]");
}

TEST(JsonWriter, IntegersCoverTheFullRange) {
  std::string out;
  JsonWriter w(out);
  w.begin_array()
      .number(std::numeric_limits<std::int64_t>::min())
      .number_unsigned(std::numeric_limits<std::uint64_t>::max())
      .end_array();
  EXPECT_EQ(out, "[-9223372036854775808,18446744073709551615]");
}

TEST(JsonWriter, RawValuesAreInsertedVerbatim) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("j").raw(R"({"x":[1,2]})").key("n").null().end_object();
  EXPECT_EQ(out, R"({"j":{"x":[1,2]},"n":null})");
}

TEST(JsonWriter, AppendsToExistingContent) {
  std::string out = "prefix ";
  JsonWriter(out).begin_object().key("a").string("b").end_object();
  EXPECT_EQ(out, R"(prefix {"a":"b"})");
}

}  // namespace
}  // namespace connectors::core
