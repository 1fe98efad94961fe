#include "ftest/es_emulator/body_reader.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {
namespace {

TEST(BodyReader, UnknownFieldsAndTypes) {
  const auto body =
      boost::json::parse(R"({"name":"x","n":3,"flag":true,"obj":{},"nothing":null})").as_object();
  try {
    BodyReader reader(body, "req", {"name"});
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.type(), "x_content_parse_exception");
    EXPECT_EQ(e.reason(), "[req] unknown field [n]");
  }
  const BodyReader reader(body, "req", {"name", "n", "flag", "obj", "nothing"});
  EXPECT_EQ(reader.string("name"), "x");
  EXPECT_EQ(reader.integer("n"), 3);
  EXPECT_EQ(reader.boolean("flag"), true);
  EXPECT_NE(reader.object("obj"), nullptr);
  EXPECT_FALSE(reader.string("nothing"));
  EXPECT_TRUE(reader.has("nothing"));
  EXPECT_FALSE(reader.has_value("nothing"));
  EXPECT_THROW(reader.string("n"), EsError);
  EXPECT_THROW(reader.boolean("name"), EsError);
  EXPECT_THROW(reader.object("name"), EsError);
}

TEST(BodyReader, IntegersFromNumbersAndWholeNumericStrings) {
  const auto body =
      boost::json::parse(R"({"a":-7,"b":"42","c":"42x","d":1.5,"e":"","f":true})").as_object();
  const BodyReader reader(body, "req", {"a", "b", "c", "d", "e", "f"});
  EXPECT_EQ(reader.integer("a"), -7);
  EXPECT_EQ(reader.integer("b"), 42);
  EXPECT_THROW(reader.integer("c"), EsError);
  EXPECT_THROW(reader.integer("d"), EsError);
  EXPECT_THROW(reader.integer("e"), EsError);
  EXPECT_THROW(reader.integer("f"), EsError);
  EXPECT_FALSE(reader.integer("missing"));
}

TEST(AddFieldLocation, KeyForUnknownFieldsValueForFailedOnes) {
  const EsError unknown = parse_error("[req] unknown field [colour]");
  EXPECT_EQ(add_field_location(unknown, R"({"name":"x", "colour":1})").reason(),
            "[1:14] [req] unknown field [colour]");
  const EsError failed = parse_error("[req] failed to parse field [status]");
  EXPECT_EQ(add_field_location(failed, "{\n  \"status\" :  \"bad\"\n}").reason(),
            "[2:15] [req] failed to parse field [status]");
  // A string value that happens to equal the name is not a key.
  EXPECT_EQ(add_field_location(unknown, R"({"a":"colour","colour":2})").reason(),
            "[1:15] [req] unknown field [colour]");
  // Errors that already have a location, other types, and fields not found stay as they are.
  EXPECT_EQ(add_field_location(parse_error("[1:2] [req] unknown field [x]"), R"({"x":1})").reason(),
            "[1:2] [req] unknown field [x]");
  EXPECT_EQ(add_field_location(bad_request("[req] unknown field [x]"), R"({"x":1})").reason(),
            "[req] unknown field [x]");
  EXPECT_EQ(add_field_location(unknown, R"({"other":1})").reason(), "[req] unknown field [colour]");
}

}  // namespace
}  // namespace connectors::emulator
