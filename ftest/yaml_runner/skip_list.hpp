#pragma once
// Tests the runner skips on purpose, with the reason, one per line:
//
//   # comment
//   connector/10_connector_put.yml :: Create Connector - unauthorized :: why it cannot pass
//
// A listed test counts as skipped, never as passed. The goal is an empty list.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/error.hpp"

namespace connectors::yaml_runner {

class SkipList {
 public:
  // Throws core::Error (kind SkipListError) naming the line of a malformed entry.
  static SkipList parse(const std::string& text, const std::string& origin);
  // A missing file is an empty list.
  static SkipList load(const std::string& path);

  // The reason `test` of `file` is listed, and marks the entry used.
  std::optional<std::string> reason(const std::string& file, const std::string& test) const;
  // Entries no test matched, as "file :: test", for a warning.
  std::set<std::string> unused() const;
  std::size_t size() const { return entries_.size(); }

 private:
  std::map<std::pair<std::string, std::string>, std::string> entries_;
  mutable std::set<std::pair<std::string, std::string>> used_;
};

}  // namespace connectors::yaml_runner
