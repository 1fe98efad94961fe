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

}  // namespace
}  // namespace connectors::emulator
