#pragma once
// Dotted paths into a response body, as the YAML tests write them:
//
//   "results.0.id"       object keys and array indices
//   "a\.b.c"             "\." is a literal dot inside a key
//   ""  or "x.y."        empty segments are ignored: "" is the whole body
//   "$body"              the raw body text
//   "connector.$field"   a segment may be a stash reference (stash_in_path)
//   "_arbitrary_key_"    the first key of an object
//
// A missing key gives "no value" (nullopt), as does a null: the runner's assertions treat
// both as Java's null. Indexing into a scalar, a non-numeric index into an array or an index
// out of bounds is an error (PathError), as in Elasticsearch's ObjectPath.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "ftest/yaml_runner/stash.hpp"

namespace connectors::yaml_runner {

class PathError : public core::Error {
 public:
  explicit PathError(std::string message) : core::Error("PathError", std::move(message)) {}
};

std::vector<std::string> split_response_path(std::string_view path);

// The value at `path` in `body` (parsed JSON, or null when the response had none).
// `raw_body` answers "$body".
std::optional<boost::json::value> evaluate_path(const boost::json::value& body,
                                                std::string_view raw_body, std::string_view path,
                                                const Stash& stash);

}  // namespace connectors::yaml_runner
