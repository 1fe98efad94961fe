#include "sources/postgresql/codecs/uuid_codec.hpp"

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {

void append_uuid(std::string& out, std::string_view bytes) {
  expect_size(bytes, 16, "uuid");
  constexpr char kHex[] = "0123456789abcdef";
  char text[36];
  std::size_t pos = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text[pos++] = '-';
    const auto b = static_cast<unsigned char>(bytes[i]);
    text[pos++] = kHex[b >> 4];
    text[pos++] = kHex[b & 0xF];
  }
  out.append(text, sizeof text);
}

}  // namespace connectors::sources::postgresql::codecs
