#pragma once
// Which codec reads a column, decided once per column by the plan, and the dispatch from a
// field's bytes to JSON (document values) or to Python's str() (`_id` parts).
//
//   type OID --scalar_codec_for_type()--> Codec      (nullopt: read the column as ::text)
//   ValueCodec{codec, element} + bytes --write_json()--> core::JsonWriter (+ ValueNotes)
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
  kInt8,      // int8, and pg_lsn (asyncpg decodes it with its int8 codec)
  kOid,       // oid, xid, cid: unsigned 32-bit
  kUint8,     // xid8: unsigned 64-bit
  kFloat4,
  kFloat8,
  kNumeric,
  kText,      // text, varchar, bpchar, name, xml, unknown, and every ::text fallback
  kBytea,     // bytea, and "char" (asyncpg decodes it as bytes too)
  kUuid,
  kDate,
  kTime,
  kTimeTz,
  kTimestamp,
  kTimestampTz,
  kJson,
  kJsonb,
  kInet,      // inet and cidr
  kPoint,
  kLseg,
  kBox,
  kPath,
  kPolygon,
  kLine,
  kCircle,
  kBit,       // bit and varbit
  kTid,
  kSnapshot,  // pg_snapshot and txid_snapshot
  kArray,
};

struct ValueCodec {
  Codec codec = Codec::kText;
  // Arrays only: the element's codec and type OID (checked against the data).
  Codec element = Codec::kText;
  std::uint32_t element_oid = 0;
};

// What a value's JSON had to give up to be valid JSON, so that the caller can say so once
// per column. Elastic's connector fails the sync on these values or sends invalid JSON.
struct ValueNotes {
  bool non_finite = false;    // NaN or an infinity (float, numeric, json number): written as null
  bool out_of_range = false;  // a date or timestamp outside years 1..9999: written as is
};

// Built-in type OIDs (pg_type_d.h) the codecs decode from binary; nullopt for every other type.
std::optional<Codec> scalar_codec_for_type(std::uint32_t type_oid);

std::string_view codec_name(Codec codec);

// Writes one non-NULL value. Throws PgError (malformed data) when the bytes do not fit.
void write_json(const ValueCodec& codec, std::string_view bytes, core::JsonWriter& writer,
                ValueNotes& notes);
void write_json(const ValueCodec& codec, std::string_view bytes, core::JsonWriter& writer);

// Appends Python's str() of the value asyncpg would return, for `_id`s: "42", "1.50",
// "2024-01-31 10:00:00", "True", "b'\x00'", "[1, None, 3]", "<BitString 1010>"... Values
// whose Python str() is not reproducible (dicts, Path objects) are appended as their JSON.
void append_python_str(const ValueCodec& codec, std::string_view bytes, std::string& out);

}  // namespace connectors::sources::postgresql::codecs
