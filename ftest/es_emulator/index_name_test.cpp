#include "ftest/es_emulator/index_name.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {
namespace {

TEST(IndexName, ElasticsearchRules) {
  EXPECT_FALSE(index_name_problem("search-test"));
  EXPECT_FALSE(index_name_problem(".elastic-connectors-v1"));
  EXPECT_EQ(*index_name_problem("_this-is-invalid"), "must not start with '_', '-', or '+'");
  EXPECT_EQ(*index_name_problem("-x"), "must not start with '_', '-', or '+'");
  EXPECT_EQ(*index_name_problem("a#b"), "must not contain '#'");
  EXPECT_EQ(*index_name_problem("~.!$$#index-name$$$"), "must not contain '#'");
  EXPECT_EQ(*index_name_problem("a:b"), "must not contain ':'");
  EXPECT_NE(index_name_problem("a b")->find("must not contain the following characters"),
            std::string::npos);
  EXPECT_NE(index_name_problem("a*b"), std::nullopt);
  EXPECT_EQ(*index_name_problem("."), "must not be '.' or '..'");
  EXPECT_EQ(*index_name_problem(""), "must not be empty");
  EXPECT_EQ(*index_name_problem("Upper"), "must be lowercase");
  EXPECT_FALSE(index_name_problem("Upper", false));
  EXPECT_EQ(*index_name_problem(std::string(256, 'a')), "index name is too long, (256 > 255)");
}

TEST(IndexName, NewIndexErrorShape) {
  try {
    validate_new_index_name("Bad");
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 400u);
    EXPECT_EQ(e.type(), "invalid_index_name_exception");
    EXPECT_EQ(e.reason(), "Invalid index name [Bad], must be lowercase");
  }
}

}  // namespace
}  // namespace connectors::emulator
