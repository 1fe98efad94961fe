#include "core/float_format.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace connectors::core {

void append_python_float(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "nan";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-inf" : "inf";
    return;
  }
  // Shortest round-trip digits in scientific form: "d[.ddd]e±XX".
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  (void)ec;  // 64 bytes always hold a double in scientific form
  const char* p = buf;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  char digits[32];
  int n = 0;
  for (; p < end && *p != 'e'; ++p) {
    if (*p != '.') digits[n++] = *p;
  }
  // p points at 'e', followed by a sign and the exponent digits (the buffer is not
  // NUL-terminated, so parse within [p, end)).
  const char* q = p + 1;
  const bool negative_exponent = q < end && *q == '-';
  if (q < end && (*q == '-' || *q == '+')) ++q;
  int exponent = 0;
  std::from_chars(q, end, exponent);
  if (negative_exponent) exponent = -exponent;
  const int decpt = exponent + 1;         // digits are d1.d2d3... * 10^(decpt-1)

  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-decpt), '0');
      out.append(digits, static_cast<std::size_t>(n));
    } else if (decpt >= n) {
      out.append(digits, static_cast<std::size_t>(n));
      out.append(static_cast<std::size_t>(decpt - n), '0');
      out += ".0";
    } else {
      out.append(digits, static_cast<std::size_t>(decpt));
      out += '.';
      out.append(digits + decpt, static_cast<std::size_t>(n - decpt));
    }
    return;
  }
  out += digits[0];
  if (n > 1) {
    out += '.';
    out.append(digits + 1, static_cast<std::size_t>(n - 1));
  }
  const int e = decpt - 1;
  out += e < 0 ? "e-" : "e+";
  const int magnitude = std::abs(e);
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
}

std::string python_float(double value) {
  std::string out;
  append_python_float(out, value);
  return out;
}

}  // namespace connectors::core
