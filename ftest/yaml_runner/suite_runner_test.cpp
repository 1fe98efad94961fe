#include "ftest/yaml_runner/suite_runner.hpp"

#include <deque>

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

// Answers each call from a script and records what it was sent.
class ScriptedEndpoint : public RestEndpoint {
 public:
  HttpReply send(const HttpCall& call, const Headers& headers) override {
    calls.push_back(call.method + " " + call.target + (call.body.empty() ? "" : " " + call.body));
    sent_headers.push_back(headers);
    if (call.target == "/_features/_reset") return {200, {}, "{}"};
    if (replies.empty()) return {500, {}, R"({"error":"no scripted reply"})"};
    HttpReply reply = replies.front();
    replies.pop_front();
    return reply;
  }
  std::deque<HttpReply> replies;
  std::vector<std::string> calls;
  std::vector<Headers> sent_headers;
};

const char* kApis[] = {
    R"({"connector.get":{"url":{"paths":[{"path":"/_connector/{connector_id}","methods":["GET"],"parts":{"connector_id":{}}}]}}})",
    R"({"connector.put":{"url":{"paths":[{"path":"/_connector/{connector_id}","methods":["PUT"],"parts":{"connector_id":{}}}]},"body":{}}})",
};

class SuiteRunnerTest : public ::testing::Test {
 protected:
  TestResult run(const std::string& yaml, RunnerOptions options = {}) {
    suite_ = parse_suite(yaml, "t.yml");
    options.environment.runner_features = {"headers", "is_after"};
    SuiteRunner runner(spec_, endpoint_, options);
    return runner.run_test(suite_, suite_.tests.at(0));
  }
  ApiSpec spec_ = ApiSpec::from_json({kApis[0], kApis[1]});
  ScriptedEndpoint endpoint_;
  TestSuite suite_;
};

TEST_F(SuiteRunnerTest, StashFlowsFromSetIntoLaterCallsAndAssertions) {
  endpoint_.replies = {{201, {}, R"({"id":"c-1","result":"created","n":2})"},
                       {200, {}, R"({"id":"c-1","name":"x","n":2.0})"}};
  const auto result = run(R"(t:
  - do: { connector.put: { connector_id: a, body: { name: x } } }
  - set: { id: cid, n: count }
  - do: { connector.get: { connector_id: $cid } }
  - match: { id: $cid }
  - match: { n: $count }
  - match: { name: "x" }
)");
  EXPECT_EQ(result.outcome, Outcome::Passed) << result.detail;
  ASSERT_EQ(endpoint_.calls.size(), 3u);
  EXPECT_EQ(endpoint_.calls[0], "POST /_features/_reset");
  EXPECT_EQ(endpoint_.calls[1], R"(PUT /_connector/a {"name":"x"})");
  EXPECT_EQ(endpoint_.calls[2], "GET /_connector/c-1");
}

TEST_F(SuiteRunnerTest, CatchAcceptsTheNamedStatusAndTheErrorBecomesTheResponse) {
  endpoint_.replies = {
      {404, {}, R"({"error":{"type":"resource_not_found_exception"},"status":404})"}};
  const auto result = run(R"(t:
  - do: { catch: missing, connector.get: { connector_id: nope } }
  - match: { status: 404 }
  - match: { error.type: resource_not_found_exception }
)");
  EXPECT_EQ(result.outcome, Outcome::Passed) << result.detail;
}

TEST_F(SuiteRunnerTest, AWrongStatusFailsWithTheLineAndBothValues) {
  endpoint_.replies = {{400, {}, R"({"error":"bad"})"}};
  const auto result = run("t:\n  - do: { catch: missing, connector.get: { connector_id: x } }\n");
  EXPECT_EQ(result.outcome, Outcome::Failed);
  EXPECT_NE(result.detail.find("line 2"), std::string::npos) << result.detail;
  EXPECT_NE(result.detail.find("expected catch missing but got 400"), std::string::npos)
      << result.detail;
}

TEST_F(SuiteRunnerTest, SuccessWhereAnErrorWasExpectedFails) {
  endpoint_.replies = {{200, {}, "{}"}};
  EXPECT_EQ(run("t:\n  - do: { catch: bad_request, connector.get: { connector_id: x } }\n").outcome,
            Outcome::Failed);
}

TEST_F(SuiteRunnerTest, ParamCatchesClientSideRefusals) {
  EXPECT_EQ(
      run("t:\n  - do: { catch: param, connector.get: { connector_id: x, nope: 1 } }\n").outcome,
      Outcome::Passed);
  EXPECT_EQ(run("t:\n  - do: { connector.get: { connector_id: x, nope: 1 } }\n").outcome,
            Outcome::Failed);
}

TEST_F(SuiteRunnerTest, RegexCatchLooksAtTheError) {
  endpoint_.replies = {
      {400, {}, R"({"error":{"type":"status_exception","reason":"Index name [x] is used"}})"}};
  EXPECT_EQ(run("t:\n  - do: { catch: /status_exception.*is.used/, connector.get: { connector_id: "
                "x } }\n")
                .outcome,
            Outcome::Passed);
}

TEST_F(SuiteRunnerTest, DefaultCredentialsUnlessTheStepSetsItsOwn) {
  endpoint_.replies = {{200, {}, "{}"}, {200, {}, "{}"}};
  RunnerOptions options;
  options.default_authorization = "Basic admin";
  options.reset_authorization = "Basic super";
  run(R"(t:
  - do: { connector.get: { connector_id: a } }
  - do: { headers: { authorization: "Basic user" }, connector.get: { connector_id: b } }
)",
      options);
  ASSERT_EQ(endpoint_.sent_headers.size(), 3u);
  EXPECT_EQ(endpoint_.sent_headers[0], (Headers{{"Authorization", "Basic super"}}));
  EXPECT_EQ(endpoint_.sent_headers[1], (Headers{{"Authorization", "Basic admin"}}));
  EXPECT_EQ(endpoint_.sent_headers[2], (Headers{{"authorization", "Basic user"}}));
}

TEST_F(SuiteRunnerTest, UnexpectedWarningsFailAndAllowedOnesPass) {
  const Headers warning = {{"Warning", R"(299 Elasticsearch-9.2.0 "this is \"deprecated\"")"}};
  EXPECT_EQ(warning_texts(warning), (std::vector<std::string>{R"(this is "deprecated")"}));
  endpoint_.replies = {{200, warning, "{}"}};
  EXPECT_EQ(run("t:\n  - do: { connector.get: { connector_id: a } }\n").outcome, Outcome::Failed);
  endpoint_.replies = {{200, warning, "{}"}};
  EXPECT_EQ(run("t:\n  - do: { allowed_warnings: ['this is \"deprecated\"'], connector.get: { "
                "connector_id: a } }\n")
                .outcome,
            Outcome::Passed);
  endpoint_.replies = {{200, {}, "{}"}};
  EXPECT_EQ(run("t:\n  - do: { warnings: [gone], connector.get: { connector_id: a } }\n").outcome,
            Outcome::Failed);
}

TEST_F(SuiteRunnerTest, PrerequisitesSkipBeforeAnyCall) {
  const auto result =
      run("t:\n  - skip: { features: missing_feature }\n  - do: { connector.get: { connector_id: a "
          "} }\n");
  EXPECT_EQ(result.outcome, Outcome::Skipped);
  EXPECT_TRUE(endpoint_.calls.empty());
}

TEST_F(SuiteRunnerTest, SetupStashIsClearedBeforeTheTest) {
  endpoint_.replies = {{200, {}, R"({"id":"s"})"}, {200, {}, "{}"}};
  const auto result = run(R"(setup:
  - do: { connector.get: { connector_id: a } }
  - set: { id: setup_id }
---
t:
  - do: { connector.get: { connector_id: $setup_id } }
)");
  EXPECT_EQ(result.outcome, Outcome::Failed);
  EXPECT_NE(result.detail.find("stashed value not found"), std::string::npos) << result.detail;
}

TEST(SuiteRunnerHelpers, CatchAcceptsAndBase64) {
  EXPECT_EQ(catch_accepts("forbidden", 403), true);
  EXPECT_EQ(catch_accepts("forbidden", 401), false);
  EXPECT_EQ(catch_accepts("request", 500), true);
  EXPECT_EQ(catch_accepts("request", 404), false);
  EXPECT_FALSE(catch_accepts("/x/", 400));
  EXPECT_EQ(base64_encode("entsearch-user:entsearch-user-password"),
            "ZW50c2VhcmNoLXVzZXI6ZW50c2VhcmNoLXVzZXItcGFzc3dvcmQ=");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
}

TEST_F(SuiteRunnerTest, TransformAndSetEncodesCredentials) {
  endpoint_.replies = {{200, {}, R"({"id":"u","api_key":"p"})"}, {200, {}, R"({"x":"dTpw"})"}};
  const auto result = run(R"yaml(t:
  - do: { connector.get: { connector_id: a } }
  - transform_and_set: { creds: "#base64EncodeCredentials(id,api_key)" }
  - do: { connector.get: { connector_id: b } }
  - match: { x: $creds }
)yaml");
  EXPECT_EQ(result.outcome, Outcome::Passed) << result.detail;
}

}  // namespace
}  // namespace connectors::yaml_runner
