#pragma once
// How a column of a given PostgreSQL type is read and written, decided from the catalog:
//
//   pg_type rows (TypeCatalog) + the column's type OID --map_column_type()--> ColumnMapping
//     domain        -> its base type, recursively (a domain is sent in its base's format)
//     scalar with a binary codec (codecs::scalar_codec_for_type)  -> that codec
//     array of such a scalar                                      -> array codec
//     anything else -> read through a ::text (or ::text[] for arrays) cast: PostgreSQL's text
//
// The text fallback gives Elastic's value for the types asyncpg itself decodes as text
// (money, enums, macaddr, tsvector, hstore and other extension types, reg*, ...). For the
// types Elastic's connector cannot serialise (interval, ranges and multiranges, composites,
// built-in types asyncpg has no codec for) it fails the whole sync; ours indexes the text,
// and `elastic_fails` lets the caller say so once per column.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "sources/postgresql/codecs/codec.hpp"
#include "sources/postgresql/queries.hpp"

namespace connectors::sources::postgresql {

// One row of queries::kTypes.
struct PgType {
  std::uint32_t oid = 0;
  std::string name;
  char kind = 'b';      // typtype: b base, c composite, d domain, e enum, p pseudo, r range, m multirange
  char category = 'U';  // typcategory: 'A' array
  std::uint32_t element = 0;    // typelem
  std::uint32_t base = 0;       // typbasetype (domains)
  int length = -1;              // typlen (-1: variable length)
};

class TypeCatalog {
 public:
  void add(PgType type);
  const PgType* find(std::uint32_t oid) const;
  // The OIDs still to load for `oids` to be mapped: their own rows, and the rows of the
  // domains' base types and the arrays' element types they lead to.
  std::vector<std::uint32_t> missing(std::span<const std::uint32_t> oids) const;

 private:
  std::map<std::uint32_t, PgType> types_;
};

struct ColumnMapping {
  codecs::ValueCodec codec;
  queries::CopyCast cast = queries::CopyCast::kNone;
  // Elastic's connector fails the sync on this type; we write PostgreSQL's text instead.
  bool elastic_fails = false;
};

// Throws PgError (permanent) when the catalog lacks a type it needs (see missing()).
ColumnMapping map_column_type(std::uint32_t type_oid, const TypeCatalog& catalog);

}  // namespace connectors::sources::postgresql
