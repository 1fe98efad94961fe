#include "connector/connector_features.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace connectors::service {
namespace {

ConnectorFeatures features(std::string_view json_text) {
  return ConnectorFeatures::from_json(boost::json::parse(json_text));
}

TEST(ConnectorFeatures, MissingKeysAreDisabled) {
  const ConnectorFeatures f = features("null");
  EXPECT_FALSE(f.sync_rules);
  EXPECT_FALSE(f.document_level_security);
  EXPECT_FALSE(f.incremental_sync);
}

TEST(ConnectorFeatures, ReadsTheFlagsElasticWrites) {
  const ConnectorFeatures f = features(R"({"sync_rules":{"basic":{"enabled":false},"advanced":{"enabled":true}},
      "document_level_security":{"enabled":true},"incremental_sync":{"enabled":false}})");
  EXPECT_TRUE(f.sync_rules);
  EXPECT_TRUE(f.document_level_security);
  EXPECT_FALSE(f.incremental_sync);
  EXPECT_FALSE(features(R"({"sync_rules":{"basic":{"enabled":false},"advanced":{"enabled":false}}})").sync_rules);
}

TEST(ConnectorFeatures, LegacyFilteringFlagsEnableSyncRules) {
  EXPECT_TRUE(features(R"({"filtering_rules":true})").sync_rules);
  EXPECT_TRUE(features(R"({"filtering_advanced_config":true})").sync_rules);
  EXPECT_FALSE(features(R"({"filtering_rules":"yes"})").sync_rules);
}

}  // namespace
}  // namespace connectors::service
