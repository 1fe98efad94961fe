#pragma once
// Arrays, one- or multi-dimensional, of any element type the codecs decode in binary.
//
//   int32 ndim, int32 has-nulls flag, uint32 element type OID,
//   ndim x (int32 length, int32 lower bound), then the elements in row-major order, each an
//   int32 length (-1: NULL) and its bytes.
//
// asyncpg returns nested Python lists (lower bounds ignored), so: JSON nested arrays with
// NULL elements as null and an empty array as []; str() the list's repr, "[1, None, 3]".
// visit_array() walks the structure; the writers of JSON and repr are its visitors.

#include <cstdint>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

class ArrayVisitor {
 public:
  virtual ~ArrayVisitor() = default;
  virtual void begin_array() = 0;
  virtual void end_array() = 0;
  virtual void element(std::string_view bytes) = 0;
  virtual void null_element() = 0;
};

// PostgreSQL's MAXDIM.
inline constexpr int kMaxArrayDimensions = 6;

// `element_oid`: the element type the plan expects (0: any). A different one in the data is
// malformed data, as are truncated or inconsistent arrays (PgError, permanent).
void visit_array(std::string_view bytes, std::uint32_t element_oid, ArrayVisitor& visitor);

}  // namespace connectors::sources::postgresql::codecs
