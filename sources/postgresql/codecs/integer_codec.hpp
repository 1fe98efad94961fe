#pragma once
// int2, int4, int8 (two's complement, big-endian), oid (unsigned 32-bit) and xid8 (unsigned
// 64-bit).
// JSON: numbers, exact. Python str(): the digits.

#include <cstdint>
#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

std::int64_t decode_int2(std::string_view bytes);
std::int64_t decode_int4(std::string_view bytes);
std::int64_t decode_int8(std::string_view bytes);
std::uint32_t decode_oid(std::string_view bytes);
std::uint64_t decode_uint8(std::string_view bytes);

void append_integer(std::string& out, std::int64_t value);

}  // namespace connectors::sources::postgresql::codecs
