#pragma once
// bit(n) and varbit: int32 bit length, then the bits packed into bytes, most significant first.
//
// JSON: asyncpg's BitString.as_string(), which Elastic's serialize() writes: the bits in
// groups of four separated by spaces ("1010 1010", "1101", "1010 1010 1010", "" when empty).
// str() (`_id`s): BitString's repr, "<BitString 1010 1010>".

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

void append_bit_string(std::string& out, std::string_view bytes);
void append_bit_string_repr(std::string& out, std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
