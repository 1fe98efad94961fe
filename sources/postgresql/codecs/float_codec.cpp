#include "sources/postgresql/codecs/float_codec.hpp"

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {

double decode_float4(std::string_view bytes) {
  expect_size(bytes, 4, "float4");
  return static_cast<double>(read_f32(bytes.data()));
}

double decode_float8(std::string_view bytes) {
  expect_size(bytes, 8, "float8");
  return read_f64(bytes.data());
}

}  // namespace connectors::sources::postgresql::codecs
