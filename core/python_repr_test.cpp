#include "core/python_repr.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace connectors::core {
namespace {

std::string repr(std::string_view json_text) { return python_repr(boost::json::parse(json_text)); }

TEST(PythonRepr, ScalarsAsPythonPrintsThem) {
  EXPECT_EQ(repr("null"), "None");
  EXPECT_EQ(repr("true"), "True");
  EXPECT_EQ(repr("false"), "False");
  EXPECT_EQ(repr("42"), "42");
  EXPECT_EQ(repr("1.0"), "1.0");
  EXPECT_EQ(repr("1e20"), "1e+20");
  EXPECT_EQ(repr("0.1"), "0.1");
}

TEST(PythonRepr, StringsPickTheirQuotesAndEscapeAsPython) {
  EXPECT_EQ(python_str_repr(std::string_view("abc")), "'abc'");
  EXPECT_EQ(python_str_repr(std::string_view("it's")), "\"it's\"");
  EXPECT_EQ(python_str_repr(std::string_view("it's \"x\"")), "'it\\'s \"x\"'");
  EXPECT_EQ(python_str_repr(std::string_view("a\\b\n\t\x01")), "'a\\\\b\\n\\t\\x01'");
  EXPECT_EQ(python_str_repr(std::string_view("caf\xc3\xa9")), "'caf\xc3\xa9'");  // printable: kept
  EXPECT_EQ(python_str_repr(std::string_view("\xc2\xa0")), "'\\xa0'");
}

TEST(PythonRepr, ListsOfStrQuoteLikePython) {
  EXPECT_EQ(python_list_repr({"customers_0", "it's", "a\\b"}), "['customers_0', \"it's\", 'a\\\\b']");
  EXPECT_EQ(python_list_repr({}), "[]");
  EXPECT_EQ(python_str_repr("both ' and \""), "'both \\' and \"'");
}

TEST(PythonRepr, ContainersAndStr) {
  EXPECT_EQ(repr(R"([1, "a", null, [true]])"), "[1, 'a', None, [True]]");
  EXPECT_EQ(repr(R"({"k": 1.5, "l": []})"), "{'k': 1.5, 'l': []}");
  EXPECT_EQ(python_str(boost::json::parse(R"("text")")), "text");
  EXPECT_EQ(python_str(boost::json::parse(R"(["a"])")), "['a']");
}

}  // namespace
}  // namespace connectors::core
