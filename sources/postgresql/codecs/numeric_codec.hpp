#pragma once
// numeric: PostgreSQL's binary NUMERIC (base-10000 digits, weight, sign, display scale).
//
//   text     exactly what PostgreSQL prints ("1.50", "-0.0001", "NaN", "Infinity"); this is
//            also the `_id` spelling (Python's str() of asyncpg's Decimal keeps the scale).
//   double   what Python's float(Decimal) gives: the correctly rounded nearest double, +-inf
//            beyond the double range, NaN for NaN. Elastic's serializer turns Decimal into
//            float, so documents carry the double (and the JSON writer writes NaN/inf as null).

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

void append_numeric_text(std::string& out, std::string_view bytes);
double decode_numeric_double(std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
