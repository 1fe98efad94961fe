#pragma once
// _source filtering: "_source": false | true | "pattern" | ["p1","p2"] |
// {"includes": [...], "excludes": [...]}, and the _source, _source_includes and
// _source_excludes parameters. Patterns are dotted paths with '*' wildcards; including an
// object includes everything under it. An unfiltered _source is returned byte for byte.

#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "ftest/es_emulator/rest_types.hpp"

namespace connectors::emulator {

class SourceFilter {
 public:
  SourceFilter() = default;  // fetch everything
  static SourceFilter none();
  // From a search body's "_source" value. Throws parsing_exception when malformed.
  static SourceFilter from_body(const boost::json::value& spec);
  // Parameters win over `base` where given.
  static SourceFilter from_params(const Params& params, SourceFilter base);

  bool fetch() const { return fetch_; }
  bool filters() const { return !includes_.empty() || !excludes_.empty(); }
  // Appends the (filtered) source JSON to `out`.
  void apply(std::string_view source, std::string& out) const;
  boost::json::object filter(const boost::json::object& source) const;

 private:
  bool fetch_ = true;
  std::vector<std::string> includes_;
  std::vector<std::string> excludes_;
};

}  // namespace connectors::emulator
