#pragma once
// Python's repr() of strings and lists of strings, for log lines that quote upstream's
// (e.g. "Fetching user configured tables: ['a', 'b']").

#include <string>
#include <string_view>
#include <vector>

namespace connectors::sources::postgresql {

// 'text', or "text" when it holds ' and no ", with \\ \n \r \t and the quote escaped.
std::string python_str_repr(std::string_view text);
std::string python_list_repr(const std::vector<std::string>& items);

}  // namespace connectors::sources::postgresql
