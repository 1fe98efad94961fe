#pragma once
// Whether a section's `requires` and `skip` steps let it run.
//
//   requires: {cluster_features: [...], test_runner_features: [...], reason}
//   skip:     {features: [...], cluster_features: [...], version: "a - b, c - d",
//              awaits_fix, known_issues, os, capabilities, reason}
//
// The cluster is the es-emulator of a given version. It has every cluster feature:
// "gte_vX.Y.Z" holds when its version is at least X.Y.Z, and any other named feature is
// taken as present (es-emulator claims what Elasticsearch of its version claims). The
// runner has exactly the features it is given.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ftest/yaml_runner/test_suite.hpp"

namespace connectors::yaml_runner {

struct Environment {
  std::string es_version = "9.2.0";
  std::set<std::string> runner_features;
};

// nullopt: run. Otherwise the reason to skip, for the report.
std::optional<std::string> skip_reason(const std::vector<PrerequisiteStep>& prerequisites,
                                       const Environment& environment);

// "8.12.0" < "8.13.0"; missing parts count as 0. Throws SuiteError for non-numeric parts.
int compare_versions(const std::string& a, const std::string& b);

// Whether `version` is in a skip range list such as " - 8.0.99, 8.8.0 - " or "all".
bool version_in_ranges(const std::string& version, const std::string& ranges);

}  // namespace connectors::yaml_runner
