#pragma once
// Document keys and `_id`s, named as Elastic's generic database helpers name them
// (connectors/sources/shared/database/generic_database.py).
//
//   map_column_names: prefix = schema.strip() + "_" (when not blank)
//                            + "_".join(sorted(tables)) + "_" (when tables are given),
//                     key = (prefix + column).lower()
//   _id:              f"{database}_{schema}_" + "_".join(sorted(tables)) + "_"
//                     + "_".join(str(value) for each primary key value that is not None)
//
// database and schema go into the `_id` as configured (not stripped, not lower-cased).

#include <string>
#include <string_view>
#include <vector>

namespace connectors::sources::postgresql {

// Python's str.lower() for ASCII and the common two-byte UTF-8 alphabets (Latin-1, Latin
// Extended-A, Greek, Cyrillic); other characters are kept as they are.
std::string python_lower(std::string_view text);

// The prefix of every key: "schema_table_" (lower-casing is applied to prefix + column).
std::string column_prefix(std::string_view schema, const std::vector<std::string>& tables);
std::string map_column_name(std::string_view column, std::string_view schema,
                            const std::vector<std::string>& tables);

// f"{database}_{schema}_{'_'.join(sorted(tables))}_": the `_id` up to the key values.
std::string id_prefix(std::string_view database, std::string_view schema,
                      const std::vector<std::string>& tables);

}  // namespace connectors::sources::postgresql
