#include "sources/postgresql/type_mapping.hpp"

#include <algorithm>

#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql {
namespace {

constexpr std::uint32_t kTextOid = 25;
constexpr std::uint32_t kIntervalOid = 1186;
constexpr std::uint32_t kFirstNormalObjectId = 16384;  // below: types built into PostgreSQL
constexpr int kMaxDomainDepth = 32;

// Built-in types asyncpg decodes as text (asyncpg/protocol/codecs/pgproto.pyx), so that the
// ::text fallback gives Elastic's value: money, macaddr, macaddr8, tsvector, tsquery,
// gtsvector, jsonpath, the reg* types, refcursor, aclitem, pg_node_tree, pg_ndistinct,
// pg_dependencies, cstring, unknown, and void (None in Python; '' as text).
bool asyncpg_decodes_as_text(std::uint32_t oid) {
  switch (oid) {
    case 790: case 829: case 774: case 3614: case 3615: case 3642: case 4072:
    case 24: case 2202: case 2203: case 2204: case 2205: case 2206: case 3734: case 3769:
    case 4089: case 4096: case 4191: case 1790: case 1033: case 194: case 3361: case 3402:
    case 2275: case 705: case 2278:
      return true;
    default:
      return false;
  }
}

const PgType& lookup(const TypeCatalog& catalog, std::uint32_t oid) {
  const PgType* type = catalog.find(oid);
  if (type == nullptr) {
    throw PgError("the type with OID " + std::to_string(oid) + " is not in the catalog", "",
                  "planning a column", PgErrorClass::kPermanent);
  }
  return *type;
}

// A domain's base type, through any number of domains.
const PgType& resolve(const TypeCatalog& catalog, std::uint32_t oid) {
  const PgType* type = &lookup(catalog, oid);
  for (int depth = 0; type->kind == 'd' && depth < kMaxDomainDepth; ++depth) {
    type = &lookup(catalog, type->base);
  }
  return *type;
}

bool is_array(const PgType& type) {
  return type.category == 'A' && type.element != 0 && type.length == -1;
}

bool elastic_fails_on(const PgType& type) {
  if (type.kind == 'c' || type.kind == 'r' || type.kind == 'm') return true;  // Record, Range
  if (type.oid == kIntervalOid) return true;                                 // timedelta
  if (asyncpg_decodes_as_text(type.oid)) return false;
  if (type.kind == 'p') return true;  // record and other pseudo-types
  // Built-in types without an asyncpg codec raise UnsupportedClientFeatureError; types of
  // extensions and enums are decoded as text.
  return type.kind == 'b' && type.oid < kFirstNormalObjectId;
}

}  // namespace

void TypeCatalog::add(PgType type) { types_[type.oid] = std::move(type); }

const PgType* TypeCatalog::find(std::uint32_t oid) const {
  const auto it = types_.find(oid);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<std::uint32_t> TypeCatalog::missing(std::span<const std::uint32_t> oids) const {
  std::vector<std::uint32_t> out;
  std::vector<std::uint32_t> pending(oids.begin(), oids.end());
  std::vector<std::uint32_t> visited;
  while (!pending.empty()) {
    const std::uint32_t oid = pending.back();
    pending.pop_back();
    if (oid == 0 || std::find(visited.begin(), visited.end(), oid) != visited.end()) continue;
    visited.push_back(oid);
    const PgType* type = find(oid);
    if (type == nullptr) {
      out.push_back(oid);
      continue;
    }
    if (type->kind == 'd') pending.push_back(type->base);
    if (is_array(*type)) pending.push_back(type->element);
  }
  std::sort(out.begin(), out.end());
  return out;
}

ColumnMapping map_column_type(std::uint32_t type_oid, const TypeCatalog& catalog) {
  ColumnMapping mapping;
  const PgType& type = resolve(catalog, type_oid);
  if (const auto scalar = codecs::scalar_codec_for_type(type.oid)) {
    mapping.codec = {*scalar};
    return mapping;
  }
  if (is_array(type)) {
    const PgType& element = resolve(catalog, type.element);
    if (const auto scalar = codecs::scalar_codec_for_type(element.oid)) {
      // The data names the array's own element type, which may be a domain.
      mapping.codec = {codecs::Codec::kArray, *scalar, type.element};
      return mapping;
    }
    // Arrays of other types keep their shape: each element is cast to text.
    mapping.cast = queries::CopyCast::kTextArray;
    mapping.codec = {codecs::Codec::kArray, codecs::Codec::kText, kTextOid};
    mapping.elastic_fails = elastic_fails_on(element);
    return mapping;
  }
  mapping.cast = queries::CopyCast::kText;
  mapping.codec = {codecs::Codec::kText};
  mapping.elastic_fails = elastic_fails_on(type);
  return mapping;
}

}  // namespace connectors::sources::postgresql
