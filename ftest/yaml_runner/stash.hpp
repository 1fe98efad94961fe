#pragma once
// The test's stash: values saved by `set` (and the last response body, as "body") and put
// back wherever a `do` argument or an expected value refers to them.
//
//   "$id"            the stashed value itself, keeping its type (a number stays a number)
//   "$job.status"    a path into a stashed object
//   "x-${id}-y"      the stashed value's text inside a longer string
//
// Object keys are substituted too. A reference to a name never stashed is an error, as in
// Elasticsearch's runner.

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "core/error.hpp"

namespace connectors::yaml_runner {

class StashError : public core::Error {
 public:
  explicit StashError(std::string message) : core::Error("StashError", std::move(message)) {}
};

class Stash {
 public:
  void set(const std::string& name, boost::json::value value) { values_[name] = std::move(value); }
  void clear() { values_.clear(); }
  bool empty() const { return values_.empty(); }

  // Whether `text` refers to the stash ("$x" or contains "${x}").
  static bool is_reference(std::string_view text);

  // The value `key` (without the '$') names; throws StashError when absent.
  boost::json::value lookup(std::string_view key) const;

  // `value` with every reference replaced, recursively.
  boost::json::value substitute(const boost::json::value& value) const;
  // A string: "$x" gives the value, "${x}" inside text gives text.
  boost::json::value substitute_text(std::string_view text) const;

 private:
  boost::json::object values_;
};

// A value as Java's toString() prints it (what Elasticsearch's runner compares and shows):
// strings bare, maps as {k=v, k2=v2}, lists as [a, b].
std::string java_text(const boost::json::value& value);

}  // namespace connectors::yaml_runner
