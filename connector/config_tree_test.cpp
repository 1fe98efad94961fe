#include "connector/config_tree.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "connector/config_error.hpp"

namespace connectors::service {
namespace {

using Kind = ConfigNode::Kind;

ConfigNode value_of(const std::string& scalar) {
  const ConfigNode top = parse_config_yaml("v: " + scalar + "\n", "c.yml");
  return *top.find("v");
}

TEST(ConfigTree, ScalarsAreTypedAsPyYamlTypesThem) {
  EXPECT_EQ(value_of("yes").kind, Kind::kBool);
  EXPECT_TRUE(value_of("On").boolean);
  EXPECT_FALSE(value_of("off").boolean);
  EXPECT_EQ(value_of("y").kind, Kind::kString);  // YAML 1.1 as PyYAML reads it: not a bool

  EXPECT_EQ(value_of("30").integer, 30);
  EXPECT_EQ(value_of("-7").integer, -7);
  EXPECT_EQ(value_of("1_000").integer, 1000);
  EXPECT_EQ(value_of("0123").integer, 83);  // octal
  EXPECT_EQ(value_of("0x1F").integer, 31);
  EXPECT_EQ(value_of("0b101").integer, 5);
  EXPECT_EQ(value_of("1:30").integer, 90);  // sexagesimal
  EXPECT_EQ(value_of("99999999999999999999").kind, Kind::kInt);
  EXPECT_FALSE(value_of("99999999999999999999").integer.has_value());

  EXPECT_EQ(value_of("0.15").kind, Kind::kFloat);
  EXPECT_DOUBLE_EQ(value_of("0.15").number, 0.15);
  EXPECT_DOUBLE_EQ(value_of("1.0e+3").number, 1000.0);
  EXPECT_EQ(value_of("1e3").kind, Kind::kString);  // PyYAML needs a dot and a signed exponent
  EXPECT_TRUE(std::isinf(value_of(".inf").number));

  EXPECT_EQ(value_of("\"30\"").kind, Kind::kString);
  EXPECT_EQ(value_of("'yes'").kind, Kind::kString);
  EXPECT_EQ(value_of("!!str 5").kind, Kind::kString);
  EXPECT_EQ(value_of("~").kind, Kind::kNull);
  EXPECT_EQ(value_of("").kind, Kind::kNull);
  EXPECT_EQ(value_of("http://x:9200").text, "http://x:9200");
}

TEST(ConfigTree, VeryLongNumberLikeScalarsAreStrings) {
  EXPECT_EQ(value_of(std::string(1000, '7')).kind, Kind::kInt);
  EXPECT_EQ(value_of(std::string(100000, '7')).kind, Kind::kString);
}

TEST(ConfigTree, PythonIntTextIsStrOfTheInt) {
  EXPECT_EQ(python_int_text(value_of("0123")), "83");
  EXPECT_EQ(python_int_text(value_of("+12")), "12");
  EXPECT_EQ(python_int_text(value_of("123456789012345678901234567890")),
            "123456789012345678901234567890");
}

TEST(ConfigTree, EmptyDocumentIsAnEmptyMap) {
  EXPECT_TRUE(parse_config_yaml("", "c.yml").is_map());
  EXPECT_TRUE(parse_config_yaml("# nothing\n", "c.yml").entries.empty());
}

TEST(ConfigTree, RepeatedKeyLastWinsInFirstPosition) {
  const ConfigNode top = parse_config_yaml("a: 1\nb: 2\na: 3\n", "c.yml");
  ASSERT_EQ(top.entries.size(), 2u);
  EXPECT_EQ(top.entries[0].key, "a");
  EXPECT_EQ(top.entries[0].value.integer, 3);
  EXPECT_EQ(top.entries[0].key_line, 3);
}

TEST(ConfigTree, MergeKeysApply) {
  const ConfigNode top =
      parse_config_yaml("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "c.yml");
  const ConfigNode& m = *top.find("m");
  EXPECT_EQ(m.find("x")->integer, 1);
  EXPECT_EQ(m.find("y")->integer, 3);
  EXPECT_EQ(m.find("<<"), nullptr);
}

TEST(ConfigTree, LinesAreRemembered) {
  const ConfigNode top = parse_config_yaml("a:\n  b: 1\n  c:\n", "c.yml");
  const ConfigNode& a = *top.find("a");
  EXPECT_EQ(a.find("b")->line, 2);
  EXPECT_EQ(a.find("c")->line, 3);  // an empty value reports its key's line
}

TEST(ConfigTree, SyntaxErrorsNameFileLineAndColumn) {
  try {
    parse_config_yaml("a: [1\nb: 2\n", "c.yml");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.message(), "c.yml:2:2: invalid YAML: end of sequence flow not found");
  }
}

TEST(ConfigTree, TopLevelMustBeAMap) {
  EXPECT_THROW(parse_config_yaml("- a\n- b\n", "c.yml"), ConfigError);
  EXPECT_THROW(parse_config_yaml("a: 1\n---\nb: 2\n", "c.yml"), ConfigError);
}

TEST(ConfigTree, DottedTopLevelKeysAreNested) {
  const ConfigNode top = nest_dotted_keys(
      parse_config_yaml("elasticsearch.bulk.chunk_size: 10\nelasticsearch:\n  host: h\n", "c.yml"),
      "c.yml");
  const ConfigNode& es = *top.find("elasticsearch");
  EXPECT_EQ(es.find("host")->text, "h");
  EXPECT_EQ(es.find("bulk")->find("chunk_size")->integer, 10);
  EXPECT_EQ(es.find("bulk")->find("chunk_size")->line, 1);
}

TEST(ConfigTree, LaterKeysWinWhateverTheirSpelling) {
  const auto nested = [](const std::string& yaml) {
    return nest_dotted_keys(parse_config_yaml(yaml, "c.yml"), "c.yml")
        .find("elasticsearch")
        ->find("host")
        ->text;
  };
  EXPECT_EQ(nested("elasticsearch:\n  host: a\nelasticsearch.host: b\n"), "b");
  EXPECT_EQ(nested("elasticsearch.host: b\nelasticsearch:\n  host: a\n"), "a");
}

TEST(ConfigTree, OnlyTopLevelKeysAreSplit) {
  const ConfigNode top = nest_dotted_keys(
      parse_config_yaml("elasticsearch:\n  bulk.chunk_size: 5\n", "c.yml"), "c.yml");
  EXPECT_NE(top.find("elasticsearch")->find("bulk.chunk_size"), nullptr);
  EXPECT_EQ(top.find("elasticsearch")->find("bulk"), nullptr);
}

TEST(ConfigTree, DottedKeyUnderAValueIsAnError) {
  try {
    nest_dotted_keys(parse_config_yaml("service: 5\nservice.idling: 3\n", "c.yml"), "c.yml");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.message(),
              "c.yml:2: service.idling: cannot be set because service (line 1) is not a map of "
              "settings");
  }
}

TEST(ConfigTree, MergeRecursesIntoMapsAndReplacesTheRest) {
  ConfigNode base = parse_config_yaml("a: {x: 1, y: [1, 2]}\nb: 1\n", "c.yml");
  merge_config(base, parse_config_yaml("a: {y: [3]}\nc: 2\n", "c.yml"));
  EXPECT_EQ(base.find("a")->find("x")->integer, 1);
  ASSERT_EQ(base.find("a")->find("y")->items.size(), 1u);
  EXPECT_EQ(base.find("a")->find("y")->items[0].integer, 3);
  EXPECT_EQ(base.find("b")->integer, 1);
  EXPECT_EQ(base.find("c")->integer, 2);
}

}  // namespace
}  // namespace connectors::service
