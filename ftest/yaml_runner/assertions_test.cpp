#include "ftest/yaml_runner/assertions.hpp"

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

bool holds(AssertKind kind, const Actual& actual, const json::value& expected = nullptr) {
  return !check_assertion(kind, actual, expected).has_value();
}

TEST(Assertions, KindsByTheirYamlNames) {
  for (const char* name : {"match", "is_true", "is_false", "exists", "not_exists", "length", "gt",
                           "gte", "lt", "lte", "contains", "close_to", "is_after"}) {
    const auto kind = parse_assert_kind(name);
    ASSERT_TRUE(kind) << name;
    EXPECT_EQ(assert_kind_name(*kind), name);
  }
  EXPECT_EQ(parse_assert_kind("greater_than"), std::nullopt);
  EXPECT_EQ(parse_assert_kind("gte"), AssertKind::Gte);
  EXPECT_EQ(assert_kind_name(AssertKind::CloseTo), "close_to");
}

TEST(Assertions, MatchIsDeepWithNumbersByValue) {
  EXPECT_TRUE(holds(AssertKind::Match, json::value(1), json::value(1.0)));
  EXPECT_TRUE(holds(AssertKind::Match, json::parse(R"({"a":[1,{"b":2.0}]})"),
                    json::parse(R"({"a":[1.0,{"b":2}]})")));
  EXPECT_FALSE(
      holds(AssertKind::Match, json::parse(R"({"a":1,"b":2})"), json::parse(R"({"a":1})")));
  EXPECT_FALSE(holds(AssertKind::Match, json::parse(R"([1,2])"), json::parse(R"([2,1])")));
  EXPECT_FALSE(holds(AssertKind::Match, json::value("1"), json::value(1)));
  EXPECT_FALSE(holds(AssertKind::Match, std::nullopt, json::value("x")));
  const auto failure = check_assertion(AssertKind::Match, json::value("got"), json::value("want"));
  ASSERT_TRUE(failure);
  EXPECT_NE(failure->find("expected \"want\" but was \"got\""), std::string::npos) << *failure;
}

TEST(Assertions, MatchNullAcceptsAbsent) {
  EXPECT_TRUE(holds(AssertKind::Match, std::nullopt, nullptr));
  EXPECT_FALSE(holds(AssertKind::Match, json::value(0), nullptr));
}

TEST(Assertions, MatchRegexInCommentsMode) {
  const json::value regex("/ ^ connector \\  [a-z]+   # a comment\n $ /");
  EXPECT_TRUE(holds(AssertKind::Match, json::value("connector abc"), regex));
  EXPECT_FALSE(holds(AssertKind::Match, json::value("connectorabc"), regex));
  EXPECT_FALSE(holds(AssertKind::Match, json::value(12), json::value("/12/")));
  EXPECT_TRUE(
      holds(AssertKind::Match, json::value("xx12yy"), json::value("/12/")));  // found, not whole
  EXPECT_EQ(strip_regex_comments("a b # c\nd\\#e"), "abd#e");
}

TEST(Assertions, TruthFollowsJavaToString) {
  EXPECT_TRUE(holds(AssertKind::IsTrue, json::value("x")));
  EXPECT_TRUE(holds(AssertKind::IsTrue, json::value(1)));
  EXPECT_TRUE(holds(AssertKind::IsTrue, json::parse("{}")));
  EXPECT_FALSE(holds(AssertKind::IsTrue, json::value(false)));
  EXPECT_FALSE(holds(AssertKind::IsTrue, json::value("false")));
  EXPECT_FALSE(holds(AssertKind::IsTrue, json::value(0)));
  EXPECT_FALSE(holds(AssertKind::IsTrue, json::value("")));
  EXPECT_FALSE(holds(AssertKind::IsTrue, std::nullopt));
  EXPECT_TRUE(holds(AssertKind::IsFalse, std::nullopt));
  EXPECT_TRUE(holds(AssertKind::IsFalse, json::value("0")));
  EXPECT_FALSE(holds(AssertKind::IsFalse, json::value("no")));
}

TEST(Assertions, ExistsLengthAndOrder) {
  EXPECT_TRUE(holds(AssertKind::Exists, json::value(0)));
  EXPECT_FALSE(holds(AssertKind::Exists, std::nullopt));
  EXPECT_TRUE(holds(AssertKind::NotExists, std::nullopt));
  EXPECT_TRUE(holds(AssertKind::Length, json::parse("[1,2,3]"), json::value(3)));
  EXPECT_TRUE(holds(AssertKind::Length, json::parse(R"({"a":1})"), json::value(1)));
  EXPECT_TRUE(holds(AssertKind::Length, json::value("abcd"), json::value(4)));
  EXPECT_FALSE(holds(AssertKind::Length, json::value(4), json::value(4)));
  EXPECT_TRUE(holds(AssertKind::Gt, json::value(2), json::value(1.5)));
  EXPECT_FALSE(holds(AssertKind::Gt, json::value(2), json::value(2)));
  EXPECT_TRUE(holds(AssertKind::Gte, json::value(2), json::value(2)));
  EXPECT_TRUE(holds(AssertKind::Lt, json::value("a"), json::value("b")));
  EXPECT_TRUE(holds(AssertKind::Lte, json::value(-1), json::value(0)));
  EXPECT_FALSE(holds(AssertKind::Lt, std::nullopt, json::value(0)));
}

TEST(Assertions, ContainsAndCloseTo) {
  EXPECT_TRUE(
      holds(AssertKind::Contains, json::parse(R"([1,{"a":1,"b":2}])"), json::parse(R"({"a":1})")));
  EXPECT_TRUE(holds(AssertKind::Contains, json::parse("[1,2]"), json::value(2.0)));
  EXPECT_FALSE(holds(AssertKind::Contains, json::parse("[1,2]"), json::value(3)));
  EXPECT_TRUE(holds(AssertKind::Contains, json::value("hello world"), json::value("o w")));
  EXPECT_TRUE(
      holds(AssertKind::CloseTo, json::value(1.05), json::parse(R"({"value":1,"error":0.1})")));
  EXPECT_FALSE(
      holds(AssertKind::CloseTo, json::value(1.2), json::parse(R"({"value":1,"error":0.1})")));
}

TEST(Assertions, IsAfterComparesInstants) {
  EXPECT_TRUE(holds(AssertKind::IsAfter, json::value("2024-01-01T00:00:00.000001Z"),
                    json::value("2024-01-01T00:00:00Z")));
  EXPECT_FALSE(holds(AssertKind::IsAfter, json::value("2024-01-01T00:00:00Z"),
                     json::value("2024-01-01T00:00:00.000Z")));
  EXPECT_TRUE(holds(AssertKind::IsAfter, json::value("2024-01-01T01:00:01+01:00"),
                    json::value("2024-01-01T00:00:00Z")));
  EXPECT_FALSE(
      holds(AssertKind::IsAfter, json::value("yesterday"), json::value("2024-01-01T00:00:00Z")));
  EXPECT_EQ(parse_instant("1970-01-01T00:00:01.5Z"), (std::make_pair(1LL, 500000000L)));
  EXPECT_FALSE(parse_instant("2024-02-30T00:00:00Z"));
}

}  // namespace
}  // namespace connectors::yaml_runner
