#include "ftest/es_emulator/filter_path.hpp"

#include <gtest/gtest.h>

namespace connectors::emulator {
namespace {

const std::string kBulk =
    R"({"took":3,"errors":true,"items":[{"index":{"_id":"1","status":201}},{"create":{"_id":"2","status":409,"error":{"type":"version_conflict_engine_exception"}}}]})";

TEST(FilterPath, ItemsErrorsOnly) {
  EXPECT_EQ(apply_filter_path(kBulk, "items.*.error"),
            R"({"items":[{"create":{"error":{"type":"version_conflict_engine_exception"}}}]})");
}

TEST(FilterPath, SeveralPathsDoubleWildcardAndExclusion) {
  EXPECT_EQ(apply_filter_path(kBulk, "took,errors"), R"({"took":3,"errors":true})");
  EXPECT_EQ(apply_filter_path(kBulk, "**._id"),
            R"({"items":[{"index":{"_id":"1"}},{"create":{"_id":"2"}}]})");
  EXPECT_EQ(apply_filter_path(kBulk, "-items"), R"({"took":3,"errors":true})");
  EXPECT_EQ(apply_filter_path(kBulk, "nothing"), "{}");
}

}  // namespace
}  // namespace connectors::emulator
