#pragma once
// Runs the tests of a suite against a cluster, one at a time, the way Elasticsearch's
// runner does:
//
//   reset the cluster --> setup --> clear the stash --> the test's steps --> teardown
//
// Each `do` is resolved through the API spec (api_spec.hpp), sent with the default
// credentials unless it sets its own Authorization header, and checked against its `catch`
// and `warnings`; the reply (or the error body a `catch` accepted) becomes the response the
// following assertions and `set` steps look at. The first failing step ends the test; the
// teardown still runs.

#include <optional>
#include <string>

#include <boost/json.hpp>

#include "ftest/yaml_runner/api_spec.hpp"
#include "ftest/yaml_runner/prerequisites.hpp"
#include "ftest/yaml_runner/rest_endpoint.hpp"
#include "ftest/yaml_runner/stash.hpp"
#include "ftest/yaml_runner/test_suite.hpp"

namespace connectors::yaml_runner {

struct RunnerOptions {
  Environment environment;
  // "Basic ..." sent with every call that does not set Authorization itself (the test
  // cluster's default user), and with the reset (its superuser). Empty: none.
  std::string default_authorization;
  std::string reset_authorization;
};

enum class Outcome { Passed, Failed, Skipped };

struct TestResult {
  std::string file;
  std::string test;
  Outcome outcome = Outcome::Passed;
  std::string detail;  // the failure, or the reason for a skip
};

class SuiteRunner {
 public:
  SuiteRunner(const ApiSpec& spec, RestEndpoint& endpoint, RunnerOptions options)
      : spec_(spec), endpoint_(endpoint), options_(std::move(options)) {}

  // Runs (or skips, per the prerequisites of the setup and the test) one test.
  TestResult run_test(const TestSuite& suite, const Section& test);

  // POST /_features/_reset. Throws core::Error when the cluster does not answer 200.
  void reset();

 private:
  struct Response {
    unsigned status = 0;
    Headers headers;
    std::string raw;
    boost::json::value body;  // parsed JSON, or null
  };

  // nullopt: the step passed. Otherwise the failure.
  std::optional<std::string> run_step(const Step& step);
  std::optional<std::string> run_do(const DoStep& step);
  std::optional<std::string> run_assert(const AssertStep& step);
  std::optional<std::string> run_set(const SetStep& step);
  std::optional<std::string> run_transform(const TransformAndSetStep& step);
  std::optional<std::string> run_section(const Section& section);
  std::optional<std::string> check_warnings(const DoStep& step) const;

  const ApiSpec& spec_;
  RestEndpoint& endpoint_;
  RunnerOptions options_;
  Stash stash_;
  Response response_;
};

// The texts of a reply's Warning headers (299 Elasticsearch-x "text" ...).
std::vector<std::string> warning_texts(const Headers& headers);

// The status test of a `catch` value: bad_request 400, unauthorized 401, forbidden 403,
// missing 404, request_timeout 408, conflict 409, unavailable 503, request any other error
// status; nullopt for values that are not status names.
std::optional<bool> catch_accepts(const std::string& catch_value, unsigned status);

// Base64 (standard alphabet, padded), for #base64EncodeCredentials.
std::string base64_encode(std::string_view data);

}  // namespace connectors::yaml_runner
