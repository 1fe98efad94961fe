#pragma once
// Which codec reads a column, decided once per column by the plan, and the dispatch from a
// field's bytes to JSON (document values) or to Python's str() (`_id` parts).
//
//   type OID --scalar_codec_for_type()--> Codec      (nullopt: read the column as ::text)
//   ValueCodec{codec, element} + bytes --write_json()--> core::JsonWriter
//                                      --append_python_str()--> std::string
//
// The per-family decoding lives in the sibling files (integer_codec, numeric_codec, ...).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json_writer.hpp"

namespace connectors::sources::postgresql::codecs {

enum class Codec : std::uint8_t {
  kBool,
  kInt2,
  kInt4,
  kInt8,
  kOid,
  kFloat4,
  kFloat8,
  kNumeric,
  kText,  // text, varchar, bpchar, name, "char", unknown, and every ::text fallback
  kBytea,
  kUuid,
  kDate,
  kTime,
  kTimeTz,
  kTimestamp,
  kTimestampTz,
  kJson,
  kJsonb,
  kInet,  // inet and cidr
  kArray,
};

struct ValueCodec {
  Codec codec = Codec::kText;
  // Arrays only: the element's codec and type OID (checked against the data).
  Codec element = Codec::kText;
  std::uint32_t element_oid = 0;
};

// Built-in type OIDs (pg_type_d.h) the codecs decode from binary; nullopt for every other type.
std::optional<Codec> scalar_codec_for_type(std::uint32_t type_oid);

std::string_view codec_name(Codec codec);

// Writes one non-NULL value. Throws PgError (malformed data) when the bytes do not fit.
void write_json(const ValueCodec& codec, std::string_view bytes, core::JsonWriter& writer);

// Appends Python's str() of the value asyncpg would return, for `_id`s. Arrays and json
// (which cannot be primary keys in practice) are appended as their JSON text.
void append_python_str(const ValueCodec& codec, std::string_view bytes, std::string& out);

}  // namespace connectors::sources::postgresql::codecs
