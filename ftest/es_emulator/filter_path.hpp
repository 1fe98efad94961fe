#pragma once
// The filter_path response parameter: "a.b,items.*.error,**.id,-took". '*' matches within
// one name, '**' any number of levels, arrays are transparent, a leading '-' excludes.

#include <string>
#include <string_view>

namespace connectors::emulator {

// Returns `json` filtered by `filter_path` ("{}" when nothing matches, as Elasticsearch).
std::string apply_filter_path(std::string_view json, std::string_view filter_path);

}  // namespace connectors::emulator
