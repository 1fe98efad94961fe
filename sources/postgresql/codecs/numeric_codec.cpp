#include "sources/postgresql/codecs/numeric_codec.hpp"

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

}  // namespace

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
