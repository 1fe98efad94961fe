#pragma once
// Field values of a parsed document, and how the query DSL compares them.
//
// There are no mappings here: a field holds what the JSON holds. Paths are dotted
// ("connector.id"); arrays are flattened (a field matches if any element matches); a
// literal dotted key ("connector.sync_cursor") is found too, as Elasticsearch treats it as
// the same path. "f.keyword" answers for a string field f of at most 256 characters (the
// dynamic mapping's keyword sub-field with ignore_above 256).

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

namespace connectors::emulator {

using ValueList = std::vector<const boost::json::value*>;

// Leaf values at `path` (objects at the end of the path are returned as they are).
void collect_values(const boost::json::value& document, std::string_view path, ValueList& out);
// collect_values plus the ".keyword" fallback.
ValueList field_values(const boost::json::value& document, std::string_view path);

// Term-query equality: numbers by value (a numeric string matches a number), booleans
// against true/false or "true"/"false", strings exactly (or ignoring ASCII case).
bool term_equals(const boost::json::value& doc_value, const boost::json::value& query_value,
                 bool case_insensitive = false);

// Ordering for range queries and sorting: <0, 0, >0, or nullopt when the two cannot be
// compared. Numbers numerically; strings as instants when both parse as ISO dates, else
// byte-wise; a number against a numeric string numerically; booleans false < true.
std::optional<int> compare_values(const boost::json::value& a, const boost::json::value& b);

// The number a value stands for (numbers, numeric strings), if any.
std::optional<double> numeric_value(const boost::json::value& value);

// The long a value stands for as Elasticsearch's long fields read it: integers, and strings
// that are a whole integer (std::stoll's syntax). A double is not one.
std::optional<std::int64_t> long_value(const boost::json::value& value);

// String form used by term matching on strings ("5" for 5, "true" for true).
std::string scalar_text(const boost::json::value& value);

}  // namespace connectors::emulator
