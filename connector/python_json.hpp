#pragma once
// JSON text as Python's json.dumps(value, indent=N) writes it, for output users compare with
// Elastic's (`elastic-ingest --action config`): N spaces per level, ", " never used between
// items (just "," before the line break), ": " between key and value, empty containers as
// {} and [], every non-ASCII character as \uXXXX (ensure_ascii), floats as repr() writes them
// (NaN and Infinity included), keys in the object's own order.

#include <string>

#include <boost/json/value.hpp>

namespace connectors::service {

std::string python_json_dumps(const boost::json::value& value, int indent);

}  // namespace connectors::service
