#include "sources/postgresql/codecs/bool_codec.hpp"

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {

bool decode_bool(std::string_view bytes) {
  expect_size(bytes, 1, "bool");
  return bytes[0] != 0;
}

}  // namespace connectors::sources::postgresql::codecs
