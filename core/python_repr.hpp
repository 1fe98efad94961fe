#pragma once
// JSON values as Python's str() and repr() print them once json.loads has made them Python
// objects. Elastic's service compares sync-rule values against str(document value), and
// quotes lists of ids and messages in its error texts with repr(), so both show through:
//
//   "abc" -> str: abc   repr: 'abc'        [1, "a", null] -> [1, 'a', None]
//   true  -> True                          {"k": 1.0}     -> {'k': 1.0}
//
// Pure.

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace connectors::core {

// repr() of a Python str: single quotes unless the text holds ' and no ", escapes as Python.
std::string python_str_repr(std::string_view text);
// repr() of a list of str: ['a', 'b'].
std::string python_list_repr(const std::vector<std::string>& items);
// repr() of a JSON value turned into a Python object.
std::string python_repr(const boost::json::value& value);
// str(): a string as it is, anything else as repr().
std::string python_str(const boost::json::value& value);

}  // namespace connectors::core
