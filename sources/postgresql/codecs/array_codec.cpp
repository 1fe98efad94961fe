#include "sources/postgresql/codecs/array_codec.hpp"

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

void visit_dimension(ByteReader& reader, const std::int32_t* lengths, int dimension, int dimensions,
                     ArrayVisitor& visitor) {
  visitor.begin_array();
  for (std::int32_t i = 0; i < lengths[dimension]; ++i) {
    if (dimension + 1 < dimensions) {
      visit_dimension(reader, lengths, dimension + 1, dimensions, visitor);
      continue;
    }
    const std::int32_t length = reader.i32();
    if (length == -1) {
      visitor.null_element();
    } else if (length < 0) {
      reader.fail("negative element length");
    } else {
      visitor.element(reader.take(static_cast<std::size_t>(length)));
    }
  }
  visitor.end_array();
}

}  // namespace

void visit_array(std::string_view bytes, std::uint32_t element_oid, ArrayVisitor& visitor) {
  ByteReader reader(bytes, "array");
  const std::int32_t dimensions = reader.i32();
  const std::int32_t flags = reader.i32();
  const std::uint32_t oid = reader.u32();
  if (dimensions < 0 || dimensions > kMaxArrayDimensions) reader.fail("invalid number of dimensions");
  if (flags != 0 && flags != 1) reader.fail("invalid flags");
  if (element_oid != 0 && oid != element_oid) {
    reader.fail("element type " + std::to_string(oid) + ", expected " + std::to_string(element_oid));
  }
  if (dimensions == 0) {
    reader.expect_end();
    visitor.begin_array();
    visitor.end_array();
    return;
  }
  std::int32_t lengths[kMaxArrayDimensions];
  std::uint64_t elements = 1;
  for (int d = 0; d < dimensions; ++d) {
    lengths[d] = reader.i32();
    reader.i32();  // lower bound
    if (lengths[d] < 0) reader.fail("negative dimension");
    elements *= static_cast<std::uint64_t>(lengths[d]);
    // Every element takes at least its 4-byte length: more than the bytes can hold is corrupt
    // (and this keeps `elements` from overflowing).
    if (elements > reader.remaining() / 4) reader.fail("more elements than bytes");
  }
  visit_dimension(reader, lengths, 0, dimensions, visitor);
  reader.expect_end();
}

}  // namespace connectors::sources::postgresql::codecs
