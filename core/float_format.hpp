#pragma once
// Doubles formatted the way Python's repr(float) formats them, because Elastic's
// connectors are Python: numbers in documents and the floats inside PostgreSQL geometric
// strings must come out byte for byte as Python writes them.
//
//   1.0 -> "1.0"   1.5 -> "1.5"   1e16 -> "1e+16"   1e15 -> "1000000000000000.0"
//   0.0001 -> "0.0001"   0.00001 -> "1e-05"   nan -> "nan"   -inf -> "-inf"
//
// Shortest round-trip digits, fixed notation when -4 < decimal exponent <= 16, at least one
// decimal place in fixed notation, and a two-digit signed exponent otherwise.

#include <string>

namespace connectors::core {

void append_python_float(std::string& out, double value);
std::string python_float(double value);

}  // namespace connectors::core
