#include "sources/postgresql/codecs/integer_codec.hpp"

#include <charconv>

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {

std::int64_t decode_int2(std::string_view bytes) {
  expect_size(bytes, 2, "int2");
  return read_i16(bytes.data());
}

std::int64_t decode_int4(std::string_view bytes) {
  expect_size(bytes, 4, "int4");
  return read_i32(bytes.data());
}

std::int64_t decode_int8(std::string_view bytes) {
  expect_size(bytes, 8, "int8");
  return read_i64(bytes.data());
}

std::uint32_t decode_oid(std::string_view bytes) {
  expect_size(bytes, 4, "oid");
  return read_u32(bytes.data());
}

std::uint64_t decode_uint8(std::string_view bytes) {
  expect_size(bytes, 8, "xid8");
  return read_u64(bytes.data());
}

void append_integer(std::string& out, std::int64_t value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

}  // namespace connectors::sources::postgresql::codecs
