#pragma once
// numeric: PostgreSQL's binary NUMERIC (base-10000 digits, weight, sign, display scale).
//
//   text     exactly what PostgreSQL prints ("1.50", "-0.0001", "NaN", "Infinity"); this is
//            also the `_id` spelling (Python's str() of asyncpg's Decimal keeps the scale).
//   double   what Python's float(Decimal) gives: the correctly rounded nearest double, +-inf
//            beyond the double range, NaN for NaN. Elastic's serializer turns Decimal into
//            float, so documents carry the double (and the JSON writer writes NaN/inf as null).
//   str()    what `_id`s hold: Python's str() of the Decimal asyncpg builds. asyncpg renders
//            the digits as "0.<digits>E<exponent>" and Decimal keeps that exponent, so values
//            whose trailing base-10000 digits are zero, or that are below 1e-6, print in
//            scientific notation: 10000 -> "1E+4", 1000000 -> "1.00E+6", 0.0000001 -> "1E-7",
//            while 1.50 -> "1.50", 123 -> "123", 0.00 -> "0.00".

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

void append_numeric_text(std::string& out, std::string_view bytes);
void append_numeric_python_str(std::string& out, std::string_view bytes);
double decode_numeric_double(std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
