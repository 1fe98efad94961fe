#include "connector/env_substitution.hpp"

#include <gtest/gtest.h>

#include "connector/config_error.hpp"

namespace connectors::service {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string substitute(std::string_view text, std::map<std::string, std::string> vars,
                       bool strict = true) {
  return substitute_environment(text, "c.yml", env_of(std::move(vars)), strict);
}

TEST(EnvSubstitution, NamedAndBracedForms) {
  EXPECT_EQ(substitute("a: $HOST\nb: ${PORT}\n", {{"HOST", "h"}, {"PORT", "9200"}}),
            "a: h\nb: 9200\n");
  EXPECT_EQ(substitute("url: http://${HOST}:${PORT}/x\n", {{"HOST", "h"}, {"PORT", "1"}}),
            "url: http://h:1/x\n");
}

TEST(EnvSubstitution, NamesTakeDotsAndDashes) {
  EXPECT_EQ(substitute("a: $A.B-C\n", {{"A.B-C", "v"}}), "a: v\n");
  // So "$HOST.example.com" is one (undefined) variable, not $HOST followed by text.
  EXPECT_THROW(substitute("a: $HOST.example.com\n", {{"HOST", "h"}}), ConfigError);
}

TEST(EnvSubstitution, DefaultsApplyOnlyWhenTheVariableIsUnset) {
  EXPECT_EQ(substitute("a: $MISSING|fallback value\n", {}), "a: fallback value\n");
  EXPECT_EQ(substitute("a: $SET|fallback\n", {{"SET", "v"}}), "a: v\n");
  EXPECT_EQ(substitute("a: ${MISSING|x}y\n", {}), "a: xy\n");
  EXPECT_EQ(substitute("a: ${SET|x}y\n", {{"SET", "v"}}), "a: vy\n");
  EXPECT_EQ(substitute("a: $MISSING|\n", {}), "a: \n");
  // An empty variable is set: its value is used, not the default.
  EXPECT_EQ(substitute("a: $EMPTY|x\n", {{"EMPTY", ""}}), "a: \n");
}

TEST(EnvSubstitution, NamedDefaultRunsToTheEndOfTheLine) {
  // EnvYAML's pattern takes the closing quote into the default: when the variable is set,
  // the quote disappears with it (and the YAML breaks, as it does in Elastic's service).
  EXPECT_EQ(substitute("a: \"$MISSING|x\"\nb: 1\n", {}), "a: \"x\"\nb: 1\n");
  EXPECT_EQ(substitute("a: \"$SET|x\"\nb: 1\n", {{"SET", "v"}}), "a: \"v\nb: 1\n");
  EXPECT_EQ(substitute("a: $MISSING|30  # note\n", {}), "a: 30  # note\n");
}

TEST(EnvSubstitution, DoubleDollarIsALiteralDollar) {
  EXPECT_EQ(substitute("a: pa$$word\n", {}), "a: pa$word\n");
  EXPECT_EQ(substitute("a: $$HOST\n", {}), "a: $HOST\n");
  // EnvYAML quirks kept for the same result as Elastic's service: the escaped text is
  // replaced again when the same variable is used elsewhere, and quotes next to "$$" go.
  EXPECT_EQ(substitute("a: $$HOST\nb: $HOST\n", {{"HOST", "h"}}), "a: h\nb: h\n");
  EXPECT_EQ(substitute("a: '$$abc'\n", {}), "a: $abc'\n");
}

TEST(EnvSubstitution, DollarDigitsAndLoneDollarsStay) {
  EXPECT_EQ(substitute("a: $1 $ ${} x$\n", {}), "a: $1 $ ${} x$\n");
  EXPECT_EQ(substitute("a: ${UNCLOSED\n", {}), "a: ${UNCLOSED\n");
}

TEST(EnvSubstitution, LongerNamesAreReplacedFirst) {
  EXPECT_EQ(substitute("x: $HOSTNAME $HOST\n", {{"HOST", "a"}, {"HOSTNAME", "b"}}),
            "x: b a\n");
}

TEST(EnvSubstitution, ColumnZeroCommentsAreSkippedIndentedOnesAreNot) {
  EXPECT_EQ(substitute("# uses $UNDEFINED\nkey: 1\n", {}), "\nkey: 1\n");
  EXPECT_THROW(substitute("key: 1\n  # uses $UNDEFINED\n", {}), ConfigError);
}

TEST(EnvSubstitution, UndefinedVariableNamesFileLineAndVariable) {
  try {
    substitute("a: 1\nb: $NOPE\nc: ${ALSO}\n", {});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.message(),
              "c.yml:2: environment variable $NOPE is not defined (set it, or give a default: "
              "$NOPE|default); also undefined: $ALSO (line 3)");
    EXPECT_EQ(e.kind(), "ConfigError");
  }
}

TEST(EnvSubstitution, NonStrictLeavesUndefinedVariablesAsWritten) {
  EXPECT_EQ(substitute("b: $NOPE\n", {}, false), "b: $NOPE\n");
}

TEST(EnvSubstitution, ValuesArePastedUnquoted) {
  EXPECT_EQ(substitute("a: $V\n", {{"V", "x: y"}}), "a: x: y\n");
}

TEST(DotEnv, ReadsNameValueLines) {
  const auto values = parse_dot_env(
      "A=1\nB=\"two words\"\n3X=ignored\n# C=comment\nexport D=ignored\nE='$HOME/x'\nF=${HOME}\n"
      "G=$UNKNOWN\n",
      ".env", env_of({{"HOME", "/h"}}), true);
  const std::map<std::string, std::string> expected = {
      {"A", "1"}, {"B", "two words"}, {"E", "/h/x"}, {"F", "/h"}, {"G", "$UNKNOWN"}};
  EXPECT_EQ(values, expected);
}

TEST(DotEnv, RepeatedNameIsAnErrorWhenStrict) {
  try {
    parse_dot_env("A=1\nB=2\nA=3\n", ".env", env_of({}), true);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.message(), ".env:3: variable A is defined more than once");
  }
  EXPECT_EQ(parse_dot_env("A=1\nA=3\n", ".env", env_of({}), false).at("A"), "3");
}

}  // namespace
}  // namespace connectors::service
