#include "ftest/yaml_runner/prerequisites.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

std::vector<std::string> names(const json::value* value) {
  std::vector<std::string> out;
  if (!value) return out;
  if (value->is_string()) {
    out.emplace_back(value->get_string());
  } else if (value->is_array()) {
    for (const auto& item : value->get_array()) {
      if (item.is_string()) out.emplace_back(item.get_string());
    }
  }
  return out;
}

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::vector<int> version_parts(const std::string& version) {
  std::vector<int> parts;
  std::size_t start = 0;
  // "8.12.0-SNAPSHOT": the qualifier does not order releases here.
  const std::string plain = version.substr(0, version.find('-'));
  while (start <= plain.size()) {
    const auto dot = plain.find('.', start);
    const std::string part =
        plain.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    try {
      std::size_t used = 0;
      parts.push_back(std::stoi(part, &used));
      if (used != part.size()) throw std::invalid_argument(part);
    } catch (const std::exception&) {
      throw SuiteError("not a version: [" + version + "]");
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

// The cluster feature `feature` is present on a cluster of `version`.
bool cluster_has(const std::string& feature, const std::string& version) {
  if (feature.rfind("gte_v", 0) == 0) return compare_versions(version, feature.substr(5)) >= 0;
  return true;
}

}  // namespace

int compare_versions(const std::string& a, const std::string& b) {
  const auto x = version_parts(a);
  const auto y = version_parts(b);
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const int p = i < x.size() ? x[i] : 0;
    const int q = i < y.size() ? y[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  return 0;
}

bool version_in_ranges(const std::string& version, const std::string& ranges) {
  if (trim(ranges) == "all") return true;
  std::size_t start = 0;
  while (start <= ranges.size()) {
    const auto comma = ranges.find(',', start);
    const std::string range =
        ranges.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto dash = range.find(" - ") != std::string::npos ? range.find(" - ") : range.find('-');
    if (dash == std::string::npos) throw SuiteError("not a version range: [" + range + "]");
    const std::string lower = trim(range.substr(0, dash));
    const std::string upper = trim(range.substr(range.find('-', dash) + 1));
    const bool above = lower.empty() || compare_versions(version, lower) >= 0;
    const bool below = upper.empty() || compare_versions(version, upper) <= 0;
    if (above && below) return true;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return false;
}

std::optional<std::string> skip_reason(const std::vector<PrerequisiteStep>& prerequisites,
                                       const Environment& env) {
  for (const auto& p : prerequisites) {
    const auto& fields = p.fields;
    if (!p.is_skip) {
      for (const auto& feature : names(fields.if_contains("test_runner_features"))) {
        if (!env.runner_features.count(feature)) {
          return "the runner lacks the feature [" + feature + "]";
        }
      }
      for (const auto& feature : names(fields.if_contains("cluster_features"))) {
        if (!cluster_has(feature, env.es_version)) {
          return "the cluster lacks the feature [" + feature + "]";
        }
      }
      continue;
    }
    for (const auto& feature : names(fields.if_contains("features"))) {
      if (!env.runner_features.count(feature)) {
        return "the runner lacks the feature [" + feature + "]";
      }
    }
    for (const auto& feature : names(fields.if_contains("cluster_features"))) {
      if (cluster_has(feature, env.es_version))
        return "the cluster has the feature [" + feature + "]";
    }
    if (const auto* version = fields.if_contains("version"); version && version->is_string()) {
      if (version_in_ranges(env.es_version, std::string(version->get_string()))) {
        return "version " + env.es_version + " is in [" + std::string(version->get_string()) + "]";
      }
    }
    for (const char* key : {"awaits_fix", "known_issues", "capabilities"}) {
      if (fields.contains(key)) return std::string("skip: ") + key;
    }
    for (const auto& os : names(fields.if_contains("os"))) {
      if (os == "linux") return std::string("skip: os linux");
    }
  }
  return std::nullopt;
}

}  // namespace connectors::yaml_runner
