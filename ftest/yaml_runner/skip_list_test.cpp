#include "ftest/yaml_runner/skip_list.hpp"

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

TEST(SkipList, ParsesEntriesAndReportsUnusedOnes) {
  const auto list = SkipList::parse(
      "# comment\n\nconnector/a.yml :: Test one :: needs X\n  b.yml::Two ::why  \n", "list");
  EXPECT_EQ(list.size(), 2u);
  EXPECT_EQ(list.reason("connector/a.yml", "Test one"), "needs X");
  EXPECT_FALSE(list.reason("connector/a.yml", "Test two"));
  EXPECT_EQ(list.unused(), (std::set<std::string>{"b.yml :: Two"}));
}

TEST(SkipList, MalformedLinesAreErrorsAndAMissingFileIsEmpty) {
  EXPECT_THROW(SkipList::parse("a.yml :: no reason\n", "list"), core::Error);
  EXPECT_EQ(SkipList::load("/nonexistent/skip.txt").size(), 0u);
}

}  // namespace
}  // namespace connectors::yaml_runner
