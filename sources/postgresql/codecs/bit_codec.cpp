#include "sources/postgresql/codecs/bit_codec.hpp"

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {

void append_bit_string(std::string& out, std::string_view bytes) {
  ByteReader reader(bytes, "bit");
  const std::int32_t length = reader.i32();
  if (length < 0) reader.fail("negative bit length");
  const std::string_view data = reader.rest();
  if (data.size() != (static_cast<std::size_t>(length) + 7) / 8) reader.fail("bit length and data disagree");
  for (std::int32_t i = 0; i < length; ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    const auto byte = static_cast<unsigned char>(data[static_cast<std::size_t>(i / 8)]);
    out += ((byte >> (7 - i % 8)) & 1) != 0 ? '1' : '0';
  }
}

void append_bit_string_repr(std::string& out, std::string_view bytes) {
  out += "<BitString ";
  append_bit_string(out, bytes);
  out += '>';
}

}  // namespace connectors::sources::postgresql::codecs
