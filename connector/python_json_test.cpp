#include "connector/python_json.hpp"

#include <cmath>
#include <limits>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace connectors::service {
namespace {

TEST(PythonJson, IndentedLikeJsonDumps) {
  const auto value = boost::json::parse(R"({"a": [1, {"b": null}], "c": {}, "d": [], "e": 1.0})");
  EXPECT_EQ(python_json_dumps(value, 2),
            "{\n"
            "  \"a\": [\n"
            "    1,\n"
            "    {\n"
            "      \"b\": null\n"
            "    }\n"
            "  ],\n"
            "  \"c\": {},\n"
            "  \"d\": [],\n"
            "  \"e\": 1.0\n"
            "}");
  EXPECT_EQ(python_json_dumps(boost::json::array{true, false}, 4), "[\n    true,\n    false\n]");
}

TEST(PythonJson, EnsureAsciiEscapes) {
  EXPECT_EQ(python_json_dumps(boost::json::value("é\"\\\n\t\x01\x7f"), 2),
            "\"\\u00e9\\\"\\\\\\n\\t\\u0001\\u007f\"");
  EXPECT_EQ(python_json_dumps(boost::json::value("😀"), 2), "\"\\ud83d\\ude00\"");
}

TEST(PythonJson, NumbersAsPythonWritesThem) {
  EXPECT_EQ(python_json_dumps(boost::json::value(-5), 2), "-5");
  EXPECT_EQ(python_json_dumps(boost::json::value(18446744073709551615ULL), 2),
            "18446744073709551615");
  EXPECT_EQ(python_json_dumps(boost::json::value(1e16), 2), "1e+16");
  EXPECT_EQ(python_json_dumps(boost::json::value(std::numeric_limits<double>::infinity()), 2),
            "Infinity");
  EXPECT_EQ(python_json_dumps(boost::json::value(std::nan("")), 2), "NaN");
}

}  // namespace
}  // namespace connectors::service
