#include "ftest/es_emulator/json_text.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {
namespace {

std::string java(double v) {
  std::string out;
  append_java_double(out, v);
  return out;
}

TEST(JavaDouble, MatchesDoubleToString) {
  EXPECT_EQ(java(1.0), "1.0");
  EXPECT_EQ(java(2.5), "2.5");
  EXPECT_EQ(java(-0.5), "-0.5");
  EXPECT_EQ(java(100.0), "100.0");
  EXPECT_EQ(java(0.001), "0.001");
  EXPECT_EQ(java(1234567.0), "1234567.0");
  EXPECT_EQ(java(1.0e7), "1.0E7");
  EXPECT_EQ(java(1.5e-5), "1.5E-5");
  EXPECT_EQ(java(1e20), "1.0E20");
  EXPECT_EQ(java(0.0), "0.0");
}

TEST(JsonText, KeepsIntegersAndOrder) {
  const auto value = boost::json::parse(R"({"b":1,"a":[1.0,true,null,"x\"y"],"c":{"d":-3}})");
  EXPECT_EQ(to_json(value), R"({"b":1,"a":[1.0,true,null,"x\"y"],"c":{"d":-3}})");
}

TEST(JsonText, ParseErrorNamesLineAndColumn) {
  try {
    parse_json("{\n  \"a\": }");
    FAIL() << "expected an error";
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 400u);
    EXPECT_EQ(e.type(), "x_content_parse_exception");
    EXPECT_EQ(e.reason().rfind("[2:8]", 0), 0u) << e.reason();
  }
}

TEST(JsonText, ObjectRequired) {
  EXPECT_THROW(parse_json_object("[1]", "body"), EsError);
  EXPECT_EQ(parse_json_object(R"({"x":1})", "body").at("x").as_int64(), 1);
}

TEST(JsonText, NamesTheJacksonTokenAValueStartsWith) {
  const auto value = boost::json::parse(R"([{}, [], "s", true, null, 1, -1, 1.5])");
  const auto& items = value.get_array();
  EXPECT_EQ(jackson_token_name(items[0]), "START_OBJECT");
  EXPECT_EQ(jackson_token_name(items[1]), "START_ARRAY");
  EXPECT_EQ(jackson_token_name(items[2]), "VALUE_STRING");
  EXPECT_EQ(jackson_token_name(items[3]), "VALUE_BOOLEAN");
  EXPECT_EQ(jackson_token_name(items[4]), "VALUE_NULL");
  EXPECT_EQ(jackson_token_name(items[5]), "VALUE_NUMBER");
  EXPECT_EQ(jackson_token_name(items[6]), "VALUE_NUMBER");
  EXPECT_EQ(jackson_token_name(items[7]), "VALUE_NUMBER");
}

TEST(JsonText, PrettyPrintsLikeElasticsearch) {
  EXPECT_EQ(pretty_json(R"({"a":1,"b":[],"c":{}})"),
            "{\n  \"a\" : 1,\n  \"b\" : [ ],\n  \"c\" : { }\n}\n");
}

}  // namespace
}  // namespace connectors::emulator
