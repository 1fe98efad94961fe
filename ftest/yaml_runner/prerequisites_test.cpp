#include "ftest/yaml_runner/prerequisites.hpp"

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

std::optional<std::string> reason(const char* text, bool is_skip,
                                  const std::set<std::string>& features = {}) {
  Environment env;
  env.es_version = "9.2.0";
  env.runner_features = features;
  return skip_reason({PrerequisiteStep{is_skip, json::parse(text).as_object()}}, env);
}

TEST(Prerequisites, RequiresVersionsAndRunnerFeatures) {
  EXPECT_FALSE(reason(R"({"cluster_features":["gte_v8.12.0"],"reason":"r"})", false));
  EXPECT_TRUE(reason(R"({"cluster_features":"gte_v9.3.0","reason":"r"})", false));
  EXPECT_FALSE(reason(R"({"cluster_features":["some_feature"]})", false));
  EXPECT_TRUE(reason(R"({"test_runner_features":["is_after"]})", false));
  EXPECT_FALSE(reason(R"({"test_runner_features":"is_after"})", false, {"is_after"}));
}

TEST(Prerequisites, SkipOnMissingRunnerFeaturesAndVersionRanges) {
  EXPECT_TRUE(reason(R"({"features":"headers"})", true));
  EXPECT_FALSE(reason(R"({"features":["headers"]})", true, {"headers"}));
  EXPECT_TRUE(reason(R"({"version":" - 8.0.99, 9.0.0 - "})", true));
  EXPECT_FALSE(reason(R"({"version":" - 8.0.99, 9.3.0 - "})", true));
  EXPECT_TRUE(reason(R"({"version":"all"})", true));
  EXPECT_TRUE(reason(R"({"awaits_fix":"bug"})", true));
  EXPECT_TRUE(reason(R"({"cluster_features":["gte_v9.0.0"]})", true));
}

TEST(Prerequisites, CompareVersions) {
  EXPECT_LT(compare_versions("8.12.0", "8.13.0"), 0);
  EXPECT_EQ(compare_versions("9.2", "9.2.0"), 0);
  EXPECT_GT(compare_versions("10.0.0", "9.9.9"), 0);
  EXPECT_THROW(compare_versions("x", "1"), SuiteError);
}

}  // namespace
}  // namespace connectors::yaml_runner
