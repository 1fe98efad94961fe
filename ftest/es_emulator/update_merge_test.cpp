#include "ftest/es_emulator/update_merge.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {
namespace {

TEST(UpdateMerge, RecursiveForObjectsReplaceForArrays) {
  auto target = boost::json::parse(R"({"a":{"b":1,"c":2},"list":[1,2,3],"x":"y"})").as_object();
  const auto changes = boost::json::parse(R"({"a":{"c":3,"d":4},"list":[9],"n":null})").as_object();
  EXPECT_TRUE(merge_into(target, changes));
  EXPECT_EQ(to_json(target), R"({"a":{"b":1,"c":3,"d":4},"list":[9],"x":"y","n":null})");
}

TEST(UpdateMerge, DetectsNoop) {
  auto target = boost::json::parse(R"({"a":{"b":1},"s":"v","list":[1]})").as_object();
  EXPECT_FALSE(
      merge_into(target, boost::json::parse(R"({"a":{"b":1},"s":"v","list":[1]})").as_object()));
  EXPECT_FALSE(merge_into(target, boost::json::parse(R"({"a":{}})").as_object()));
  EXPECT_TRUE(merge_into(target, boost::json::parse(R"({"a":{"b":2}})").as_object()));
  EXPECT_TRUE(merge_into(target, boost::json::parse(R"({"new":null})").as_object()));
}

}  // namespace
}  // namespace connectors::emulator
