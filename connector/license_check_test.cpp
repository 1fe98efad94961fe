#include "connector/license_check.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace connectors::service {
namespace {

License license(std::string_view json_text) { return parse_license(boost::json::parse(json_text)); }

TEST(LicenseCheck, ReadsTheTypeAndStatus) {
  EXPECT_EQ(license(R"({"license":{"type":"basic","status":"active"}})"), License::kBasic);
  EXPECT_EQ(license(R"({"license":{"type":"PLATINUM","status":"active"}})"), License::kPlatinum);
  EXPECT_EQ(license(R"({"license":{"type":"trial","status":"active"}})"), License::kTrial);
  EXPECT_EQ(license(R"({"license":{"type":"enterprise","status":"expired"}})"), License::kExpired);
}

TEST(LicenseCheck, RanksLicensesAsElasticDoes) {
  EXPECT_FALSE(license_allows(License::kBasic, License::kPlatinum));
  EXPECT_FALSE(license_allows(License::kGold, License::kPlatinum));
  EXPECT_TRUE(license_allows(License::kPlatinum, License::kPlatinum));
  EXPECT_TRUE(license_allows(License::kEnterprise, License::kPlatinum));
  EXPECT_TRUE(license_allows(License::kTrial, License::kPlatinum));
  EXPECT_FALSE(license_allows(License::kExpired, License::kBasic));
  EXPECT_EQ(license_message(License::kPlatinum, License::kBasic),
            "Minimum required Elasticsearch license: 'platinum'. Actual license: 'basic'.");
}

}  // namespace
}  // namespace connectors::service
