#pragma once
// Test helper: a TypeCatalog holding the pg_type rows of the built-in types the tests use,
// as PostgreSQL 15's catalog has them, plus whatever a test adds.

#include "sources/postgresql/type_mapping.hpp"

namespace connectors::sources::postgresql::testing {

inline TypeCatalog builtin_types() {
  TypeCatalog catalog;
  // oid, name, typtype, typcategory, typelem, typbasetype, typlen
  catalog.add({16, "boolean", 'b', 'B', 0, 0, 1});
  catalog.add({18, "\"char\"", 'b', 'Z', 0, 0, 1});
  catalog.add({19, "name", 'b', 'S', 18, 0, 64});
  catalog.add({20, "bigint", 'b', 'N', 0, 0, 8});
  catalog.add({23, "integer", 'b', 'N', 0, 0, 4});
  catalog.add({25, "text", 'b', 'S', 0, 0, -1});
  catalog.add({600, "point", 'b', 'G', 701, 0, 16});
  catalog.add({701, "double precision", 'b', 'N', 0, 0, 8});
  catalog.add({790, "money", 'b', 'N', 0, 0, 8});
  catalog.add({1007, "integer[]", 'b', 'A', 23, 0, -1});
  catalog.add({1009, "text[]", 'b', 'A', 25, 0, -1});
  catalog.add({1017, "point[]", 'b', 'A', 600, 0, -1});
  catalog.add({1186, "interval", 'b', 'T', 0, 0, 16});
  catalog.add({1187, "interval[]", 'b', 'A', 1186, 0, -1});
  catalog.add({2249, "record", 'p', 'P', 0, 0, -1});
  catalog.add({3904, "int4range", 'r', 'R', 0, 0, -1});
  catalog.add({3905, "int4range[]", 'b', 'A', 3904, 0, -1});
  catalog.add({4451, "int4multirange", 'm', 'R', 0, 0, -1});
  catalog.add({4600, "pg_brin_bloom_summary", 'b', 'Z', 0, 0, -1});
  return catalog;
}

}  // namespace connectors::sources::postgresql::testing
