#pragma once
// Arrays, one- or multi-dimensional, of any element type the codecs decode in binary.
//
//   int32 ndim, int32 has-nulls flag, uint32 element type OID,
//   ndim x (int32 length, int32 lower bound), then the elements in row-major order, each an
//   int32 length (-1: NULL) and its bytes.
//
// JSON: nested arrays, as asyncpg returns nested lists (lower bounds are ignored, as there),
// NULL elements as null, an empty array as [].

#include <cstdint>
#include <string_view>

#include "core/json_writer.hpp"

namespace connectors::sources::postgresql::codecs {

class ArrayElementWriter {
 public:
  virtual ~ArrayElementWriter() = default;
  virtual void write(std::string_view element, core::JsonWriter& writer) = 0;
};

// PostgreSQL's MAXDIM.
inline constexpr int kMaxArrayDimensions = 6;

// `element_oid`: the element type the plan expects (0: any). A different one in the data is
// malformed data.
void write_array_json(std::string_view bytes, std::uint32_t element_oid, core::JsonWriter& writer,
                      ArrayElementWriter& element_writer);

}  // namespace connectors::sources::postgresql::codecs
