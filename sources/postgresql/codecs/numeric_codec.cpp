#include "sources/postgresql/codecs/numeric_codec.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cmath>
#include <limits>

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

// From PostgreSQL's numeric.c.
constexpr std::uint16_t kPositive = 0x0000;
constexpr std::uint16_t kNegative = 0x4000;
constexpr std::uint16_t kNaN = 0xC000;
constexpr std::uint16_t kPlusInfinity = 0xD000;
constexpr std::uint16_t kMinusInfinity = 0xF000;
constexpr int kMaxDisplayScale = 0x3FFF;

struct Numeric {
  std::int16_t ndigits;
  std::int16_t weight;
  std::uint16_t sign;
  std::int16_t dscale;
  const char* digits;  // ndigits big-endian int16, each 0..9999

  int digit(int index) const {
    return index >= 0 && index < ndigits ? read_i16(digits + 2 * index) : 0;
  }
};

Numeric parse(std::string_view bytes) {
  ByteReader reader(bytes, "numeric");
  Numeric n{};
  n.ndigits = reader.i16();
  n.weight = reader.i16();
  n.sign = reader.u16();
  n.dscale = reader.i16();
  if (n.ndigits < 0) reader.fail("negative digit count");
  n.digits = reader.take(static_cast<std::size_t>(n.ndigits) * 2).data();
  reader.expect_end();
  if (n.sign != kPositive && n.sign != kNegative && n.sign != kNaN && n.sign != kPlusInfinity &&
      n.sign != kMinusInfinity) {
    reader.fail("unknown sign");
  }
  if (n.dscale < 0 || n.dscale > kMaxDisplayScale) reader.fail("invalid display scale");
  for (int i = 0; i < n.ndigits; ++i) {
    const int d = n.digit(i);
    if (d < 0 || d > 9999) reader.fail("digit out of range");
  }
  return n;
}

// Where the text of a numeric goes on its way to a double: a stack buffer for the usual sizes,
// so that the per-row path does not allocate.
class TextBuffer {
 public:
  void operator+=(char c) { append(&c, 1); }
  void operator+=(std::string_view s) { append(s.data(), s.size()); }
  void append(const char* data, std::size_t n) {
    if (size_ + n <= sizeof small_ && large_.empty()) {
      std::memcpy(small_ + size_, data, n);
    } else {
      if (large_.empty()) large_.assign(small_, size_);
      large_.append(data, n);
    }
    size_ += n;
  }
  std::size_t size() const { return size_; }
  void resize(std::size_t n) {
    size_ = n;
    if (!large_.empty()) large_.resize(n);
  }
  const char* data() const { return large_.empty() ? small_ : large_.data(); }

 private:
  char small_[128];
  std::size_t size_ = 0;
  std::string large_;
};

template <typename Out>
void append_group(Out& out, int group, bool pad) {
  char buf[4];
  if (!pad) {
    const auto r = std::to_chars(buf, buf + 4, group);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
    return;
  }
  buf[0] = static_cast<char>('0' + group / 1000);
  buf[1] = static_cast<char>('0' + group / 100 % 10);
  buf[2] = static_cast<char>('0' + group / 10 % 10);
  buf[3] = static_cast<char>('0' + group % 10);
  out.append(buf, 4);
}

// get_str_from_var() in numeric.c.
template <typename Out>
void append_text(Out& out, const Numeric& n) {
  switch (n.sign) {
    case kNaN: out += "NaN"; return;
    case kPlusInfinity: out += "Infinity"; return;
    case kMinusInfinity: out += "-Infinity"; return;
    default: break;
  }
  if (n.sign == kNegative) out += '-';
  int d = 0;
  if (n.weight < 0) {
    d = n.weight + 1;
    out += '0';
  } else {
    for (d = 0; d <= n.weight; ++d) append_group(out, n.digit(d), d > 0);
  }
  if (n.dscale > 0) {
    out += '.';
    const std::size_t end = out.size() + static_cast<std::size_t>(n.dscale);
    for (int i = 0; i < n.dscale; ++d, i += 4) append_group(out, n.digit(d), true);
    out.resize(end);
  }
}

// Python's Decimal.__str__ (to_sci_string) for a finite Decimal given by its sign, its
// coefficient digits (no leading zeros, "0" for zero) and its exponent.
void append_decimal_str(std::string& out, bool negative, const std::string& coefficient,
                        std::int64_t exponent) {
  const auto length = static_cast<std::int64_t>(coefficient.size());
  const std::int64_t left_digits = exponent + length;
  const std::int64_t dot_place = exponent <= 0 && left_digits > -6 ? left_digits : 1;
  if (negative) out += '-';
  if (dot_place <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-dot_place), '0');
    out += coefficient;
  } else if (dot_place >= length) {
    out += coefficient;
    out.append(static_cast<std::size_t>(dot_place - length), '0');
  } else {
    out.append(coefficient, 0, static_cast<std::size_t>(dot_place));
    out += '.';
    out.append(coefficient, static_cast<std::size_t>(dot_place), std::string::npos);
  }
  if (left_digits != dot_place) {
    const std::int64_t shown = left_digits - dot_place;
    out += shown < 0 ? "E-" : "E+";
    out += std::to_string(shown < 0 ? -shown : shown);
  }
}

}  // namespace

void append_numeric_python_str(std::string& out, std::string_view bytes) {
  const Numeric n = parse(bytes);
  switch (n.sign) {
    case kNaN: out += "NaN"; return;
    case kPlusInfinity: out += "Infinity"; return;
    case kMinusInfinity: out += "-Infinity"; return;
    default: break;
  }
  if (n.ndigits == 0) {  // asyncpg: Decimal('0e-<dscale>')
    append_decimal_str(out, false, "0", -static_cast<std::int64_t>(n.dscale));
    return;
  }
  // asyncpg's numeric_decode_binary_ex: the digits after "0.", then an exponent.
  std::string digits;
  const int first = n.digit(0);
  int front_padding = 0;
  if (n.weight >= 0) {
    front_padding = first < 10 ? 3 : first < 100 ? 2 : first < 1000 ? 1 : 0;
    append_group(digits, first, false);
  } else {
    append_group(digits, first, true);
  }
  for (int i = 1; i < n.ndigits; ++i) append_group(digits, n.digit(i), true);
  const std::int64_t fraction_digits = (static_cast<std::int64_t>(n.ndigits) - n.weight - 1) * 4;
  const std::int64_t adjust = n.dscale - fraction_digits;
  if (n.dscale != 0) {
    if (adjust > 0) {
      digits.append(static_cast<std::size_t>(adjust), '0');
    } else {
      digits.resize(digits.size() - std::min<std::size_t>(digits.size(), static_cast<std::size_t>(-adjust)));
    }
  }
  const std::int64_t exponent = (static_cast<std::int64_t>(n.weight) + 1) * 4 - front_padding;
  // Decimal("0.<digits>E<exponent>"): the coefficient is the digits without leading zeros.
  const std::size_t significant = digits.find_first_not_of('0');
  const std::string coefficient = significant == std::string::npos ? "0" : digits.substr(significant);
  append_decimal_str(out, n.sign == kNegative, coefficient,
                     exponent - static_cast<std::int64_t>(digits.size()));
}

void append_numeric_text(std::string& out, std::string_view bytes) { append_text(out, parse(bytes)); }

double decode_numeric_double(std::string_view bytes) {
  const Numeric n = parse(bytes);
  switch (n.sign) {
    case kNaN: return std::numeric_limits<double>::quiet_NaN();
    case kPlusInfinity: return std::numeric_limits<double>::infinity();
    case kMinusInfinity: return -std::numeric_limits<double>::infinity();
    default: break;
  }
  TextBuffer text;
  append_text(text, n);
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    // Beyond the double range: infinite when there are integer digits, else an underflow to 0.
    const bool negative = n.sign == kNegative;
    const double magnitude = n.weight >= 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -magnitude : magnitude;
  }
  return value;
}

}  // namespace connectors::sources::postgresql::codecs
