#include "ftest/es_emulator/source_filter.hpp"

#include <gtest/gtest.h>

namespace connectors::emulator {
namespace {

std::string filtered(const std::string& spec, const std::string& source) {
  std::string out;
  SourceFilter::from_body(boost::json::parse(spec)).apply(source, out);
  return out;
}

const std::string kSource =
    R"({"id":"1","_timestamp":"t","a":{"b":1,"c":{"d":2}},"list":[{"x":1,"y":2},{"x":3}]})";

TEST(SourceFilter, UnfilteredIsByteForByte) {
  const std::string odd = "{ \"a\" :  1.0 }";
  EXPECT_EQ(filtered("true", odd), odd);
  EXPECT_FALSE(SourceFilter::from_body(boost::json::parse("false")).fetch());
}

TEST(SourceFilter, IncludesWithWildcardsAndNesting) {
  EXPECT_EQ(filtered(R"(["id","_timestamp"])", kSource), R"({"id":"1","_timestamp":"t"})");
  EXPECT_EQ(filtered(R"("a.c")", kSource), R"({"a":{"c":{"d":2}}})");
  EXPECT_EQ(filtered(R"("a")", kSource), R"({"a":{"b":1,"c":{"d":2}}})");
  EXPECT_EQ(filtered(R"("a.*")", kSource), R"({"a":{"b":1,"c":{"d":2}}})");
  EXPECT_EQ(filtered(R"("*id")", kSource), R"({"id":"1"})");
  EXPECT_EQ(filtered(R"("list.x")", kSource), R"({"list":[{"x":1},{"x":3}]})");
}

TEST(SourceFilter, Excludes) {
  EXPECT_EQ(filtered(R"({"excludes":["a","list"]})", kSource), R"({"id":"1","_timestamp":"t"})");
  EXPECT_EQ(filtered(R"({"includes":["a"],"excludes":["a.c"]})", kSource), R"({"a":{"b":1}})");
}

TEST(SourceFilter, Params) {
  Params params = Params::parse_query("_source_includes=id&_source_excludes=x");
  const SourceFilter f = SourceFilter::from_params(params, SourceFilter{});
  std::string out;
  f.apply(kSource, out);
  EXPECT_EQ(out, R"({"id":"1"})");
  EXPECT_FALSE(
      SourceFilter::from_params(Params::parse_query("_source=false"), SourceFilter{}).fetch());
}

}  // namespace
}  // namespace connectors::emulator
