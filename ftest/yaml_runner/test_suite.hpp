#pragma once
// One YAML test file as data: its setup, teardown and test sections and their steps.
//
//   file --load_documents--> [{setup: [...]}, {teardown: [...]}, {"test name": [...]}, ...]
//        --parse_suite-->    TestSuite{setup, teardown, tests[{name, steps}]}
//
// Each step is a one-key map: `do`, an assertion (`match`, `is_true`...), `set`,
// `transform_and_set`, or a prerequisite (`requires`, `skip`) that must come before every
// other step of its section. Values stay JSON (see yaml_json.hpp); stash references are
// resolved only when a step runs.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "ftest/yaml_runner/assertions.hpp"

namespace connectors::yaml_runner {

class SuiteError : public core::Error {
 public:
  explicit SuiteError(std::string message) : core::Error("SuiteError", std::move(message)) {}
};

struct DoStep {
  std::string api;
  boost::json::object args;  // path parts, query parameters and `body`
  std::string catch_;        // empty: the call must succeed
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> warnings;
  std::vector<std::string> allowed_warnings;
  std::vector<std::string> warnings_regex;
  std::vector<std::string> allowed_warnings_regex;
};

struct AssertStep {
  AssertKind kind = AssertKind::Match;
  std::string path;
  boost::json::value expected;  // null for is_true, is_false, exists, not_exists
};

struct SetStep {
  std::vector<std::pair<std::string, std::string>> entries;  // response path -> stash name
};

struct TransformAndSetStep {
  std::vector<std::pair<std::string, std::string>> entries;  // stash name -> "#fn(args)"
};

// `requires` or `skip`, kept as written; prerequisites.hpp decides.
struct PrerequisiteStep {
  bool is_skip = false;
  boost::json::object fields;
};

struct Step {
  int line = 0;  // 1-based line in the file
  std::variant<DoStep, AssertStep, SetStep, TransformAndSetStep, PrerequisiteStep> body;
};

struct Section {
  std::string name;
  int line = 0;
  std::vector<PrerequisiteStep> prerequisites;  // the leading requires/skip steps
  std::vector<Step> steps;                      // everything after them
};

struct TestSuite {
  std::string file;  // as given, e.g. "connector/10_connector_put.yml"
  std::optional<Section> setup;
  std::optional<Section> teardown;
  std::vector<Section> tests;
};

// Throws SuiteError naming the file and line for anything the format does not allow.
TestSuite parse_suite(const std::string& text, const std::string& file);

}  // namespace connectors::yaml_runner
