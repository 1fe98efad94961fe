#pragma once
// float4 and float8 (IEEE 754, big-endian).
//
// asyncpg turns a float4 into a Python float, i.e. the float32 widened to a double, and Python
// prints that double: 1.1::real comes out as 1.100000023841858. So do we: decode_float4
// returns the widened double and JSON/str() use Python's repr. NaN and infinities are not
// JSON; the JSON writer emits null for them.

#include <string_view>

namespace connectors::sources::postgresql::codecs {

double decode_float4(std::string_view bytes);
double decode_float8(std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
