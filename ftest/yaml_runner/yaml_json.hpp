#pragma once
// YAML test files as JSON values, typed the way Elasticsearch's runner reads them.
//
//   YAML text --YAML::Load--> nodes --to_json--> boost::json::value
//
// Plain scalars follow YAML 1.2's core schema: null (~, null, empty), booleans
// (true/false in three spellings), integers and floats; everything else is a string.
// So a timestamp such as 2023-12-04T08:45:50.567149Z, a cron expression (1 0 0 * * ?) or
// an index name such as ~.!$$#index-name$$$ stays the string it is written as, where
// PyYAML's YAML 1.1 resolver would turn some of them into datetimes. Quoted scalars are
// always strings. Map keys keep their order.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <boost/json.hpp>

namespace connectors::yaml_runner {

// One plain (unquoted) scalar, typed as above.
boost::json::value plain_scalar(std::string_view text);

// The whole node tree. Throws core::Error (kind YamlError) for aliases to nothing or
// non-scalar map keys.
boost::json::value to_json(const YAML::Node& node);

// Every YAML document of `text`, in order. Throws core::Error (kind YamlError) with the
// line and column of a syntax error; `name` is used in messages.
std::vector<YAML::Node> load_documents(const std::string& text, const std::string& name);

}  // namespace connectors::yaml_runner
