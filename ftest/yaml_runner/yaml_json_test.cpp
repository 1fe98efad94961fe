#include "ftest/yaml_runner/yaml_json.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

json::value load(const std::string& text) { return to_json(YAML::Load(text)); }

TEST(YamlJson, PlainScalarsAreTypedByTheCoreSchema) {
  EXPECT_EQ(plain_scalar("~"), json::value(nullptr));
  EXPECT_EQ(plain_scalar("null"), json::value(nullptr));
  EXPECT_EQ(plain_scalar("True"), json::value(true));
  EXPECT_EQ(plain_scalar("FALSE"), json::value(false));
  EXPECT_EQ(plain_scalar("42"), json::value(42));
  EXPECT_EQ(plain_scalar("-7"), json::value(-7));
  EXPECT_EQ(plain_scalar("0x1f"), json::value(31));
  EXPECT_EQ(plain_scalar("1.5"), json::value(1.5));
  EXPECT_EQ(plain_scalar("1e3"), json::value(1000.0));
  EXPECT_TRUE(plain_scalar("18446744073709551615").is_uint64());
}

TEST(YamlJson, TextsPyYamlWouldRetypeStayStrings) {
  EXPECT_EQ(plain_scalar("2023-12-04T08:45:50.567149Z"),
            json::value("2023-12-04T08:45:50.567149Z"));
  EXPECT_EQ(plain_scalar("2023-12-04"), json::value("2023-12-04"));
  EXPECT_EQ(plain_scalar("yes"), json::value("yes"));
  EXPECT_EQ(plain_scalar("off"), json::value("off"));
  EXPECT_EQ(plain_scalar("1_000"), json::value("1_000"));
  EXPECT_EQ(plain_scalar("0 0 0 * * ?"), json::value("0 0 0 * * ?"));
}

TEST(YamlJson, DocumentsKeepStringsQuotedAndKeyOrder) {
  const auto value = load(
      "index_name: ~.!$$#index-name$$$\n"
      "interval: 1 0 0 * * ?\n"
      "quoted: \"42\"\n"
      "number: 42\n"
      "last_seen: 2023-12-04T08:45:50.567149Z\n"
      "empty: {}\n"
      "list: [a, 1, true, ~]\n");
  const auto& object = value.as_object();
  EXPECT_EQ(object.at("index_name"), json::value("~.!$$#index-name$$$"));
  EXPECT_EQ(object.at("interval"), json::value("1 0 0 * * ?"));
  EXPECT_EQ(object.at("quoted"), json::value("42"));
  EXPECT_EQ(object.at("number"), json::value(42));
  EXPECT_EQ(object.at("last_seen"), json::value("2023-12-04T08:45:50.567149Z"));
  EXPECT_TRUE(object.at("empty").as_object().empty());
  EXPECT_EQ(json::serialize(object.at("list")), R"(["a",1,true,null])");
  std::vector<std::string> keys;
  for (const auto& member : object) keys.emplace_back(member.key());
  EXPECT_EQ(keys.front(), "index_name");
  EXPECT_EQ(keys.back(), "list");
}

TEST(YamlJson, ExplicitTagsAndBlockScalars) {
  EXPECT_EQ(load("a: !!str 12").as_object().at("a"), json::value("12"));
  EXPECT_EQ(load("a: |\n  text\n").as_object().at("a"), json::value("text\n"));
}

TEST(YamlJson, SyntaxErrorsNameTheLine) {
  try {
    load_documents("a: [1, 2\nb: 3\n", "bad.yml");
    FAIL() << "expected an error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "YamlError");
    EXPECT_NE(std::string(e.what()).find("bad.yml: line"), std::string::npos) << e.what();
  }
  EXPECT_EQ(load_documents("a: 1\n---\nb: 2\n", "two.yml").size(), 2u);
}

}  // namespace
}  // namespace connectors::yaml_runner
