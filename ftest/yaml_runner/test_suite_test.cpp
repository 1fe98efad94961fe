#include "ftest/yaml_runner/test_suite.hpp"

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

const char* kSuite = R"yaml(setup:
  - requires:
      cluster_features: ["gte_v8.12.0"]
      reason: Introduced in 8.12.0
  - do:
      connector.put:
        connector_id: test-connector
        body:
          index_name: search-1-test
---
"Update the name":
  - skip:
      features: headers
  - do:
      catch: forbidden
      headers: { Authorization: "Basic abc" }
      connector.update_name:
        connector_id: test-connector
        body: { name: x }
  - match: { error.type: security_exception }
  - set: { id: my_id }
  - is_true: result
  - exists: last_seen
  - length: { results: 2 }
  - is_after: { last_seen: $before }
  - transform_and_set: { creds: "#base64EncodeCredentials(id,api_key)" }
---
"Second":
  - do:
      connector.list: { }
)yaml";

TEST(TestSuite, ParsesSectionsStepsAndPrerequisites) {
  const auto suite = parse_suite(kSuite, "connector/x.yml");
  ASSERT_TRUE(suite.setup);
  EXPECT_EQ(suite.setup->prerequisites.size(), 1u);
  ASSERT_EQ(suite.setup->steps.size(), 1u);
  const auto& put = std::get<DoStep>(suite.setup->steps[0].body);
  EXPECT_EQ(put.api, "connector.put");
  EXPECT_EQ(put.args.at("body").as_object().at("index_name"), json::value("search-1-test"));
  ASSERT_EQ(suite.tests.size(), 2u);
  const auto& test = suite.tests[0];
  EXPECT_EQ(test.name, "Update the name");
  ASSERT_EQ(test.prerequisites.size(), 1u);
  EXPECT_TRUE(test.prerequisites[0].is_skip);
  ASSERT_EQ(test.steps.size(), 8u);
  const auto& call = std::get<DoStep>(test.steps[0].body);
  EXPECT_EQ(call.catch_, "forbidden");
  ASSERT_EQ(call.headers.size(), 1u);
  EXPECT_EQ(call.headers[0].second, "Basic abc");
  EXPECT_EQ(test.steps[0].line, 14);
  const auto& match = std::get<AssertStep>(test.steps[1].body);
  EXPECT_EQ(match.kind, AssertKind::Match);
  EXPECT_EQ(match.path, "error.type");
  EXPECT_EQ(std::get<SetStep>(test.steps[2].body).entries[0],
            (std::pair<std::string, std::string>{"id", "my_id"}));
  EXPECT_EQ(std::get<AssertStep>(test.steps[3].body).path, "result");
  EXPECT_EQ(std::get<AssertStep>(test.steps[5].body).expected, json::value(2));
  EXPECT_EQ(std::get<AssertStep>(test.steps[6].body).expected, json::value("$before"));
  EXPECT_EQ(std::get<TransformAndSetStep>(test.steps[7].body).entries[0].first, "creds");
  EXPECT_TRUE(std::get<DoStep>(suite.tests[1].steps[0].body).args.empty());
}

TEST(TestSuite, RefusesWhatTheFormatDoesNotAllow) {
  EXPECT_THROW(parse_suite("t:\n  - do: { a.b: {}, c.d: {} }\n", "f.yml"), SuiteError);
  EXPECT_THROW(parse_suite("t:\n  - frobnicate: x\n", "f.yml"), SuiteError);
  EXPECT_THROW(parse_suite("t:\n  - match: { a: 1 }\n  - skip: { features: x }\n", "f.yml"),
               SuiteError);
  EXPECT_THROW(parse_suite("t:\n  - match: { a: 1, b: 2 }\n", "f.yml"), SuiteError);
  EXPECT_THROW(parse_suite("t: []\n---\nt: []\n", "f.yml"), SuiteError);
  try {
    parse_suite("t:\n  - do: {}\n", "f.yml");
    FAIL();
  } catch (const SuiteError& e) {
    EXPECT_NE(std::string(e.what()).find("f.yml:2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace connectors::yaml_runner
