#include "sources/postgresql/codecs/text_codec.hpp"

#include <algorithm>

namespace connectors::sources::postgresql::codecs {
namespace {

// Length of the valid UTF-8 sequence at s[i], 0 when invalid (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) return 0;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F)) return 0;
    return 4;
  }
  return 0;
}

}  // namespace

void append_valid_utf8(std::string& out, std::string_view bytes) {
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = sequence_length(bytes, i);
    if (length == 0) {
      out.append(bytes.data() + run, i - run);
      run = ++i;
      continue;
    }
    i += length;
  }
  out.append(bytes.data() + run, bytes.size() - run);
}

void append_python_bytes_repr(std::string& out, std::string_view bytes) {
  // CPython's bytes_repr: single quotes unless the bytes hold ' and no ".
  const bool has_single = std::find(bytes.begin(), bytes.end(), '\'') != bytes.end();
  const bool has_double = std::find(bytes.begin(), bytes.end(), '"') != bytes.end();
  const char quote = has_single && !has_double ? '"' : '\'';
  constexpr char kHex[] = "0123456789abcdef";
  out += 'b';
  out += quote;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  out += quote;
}

}  // namespace connectors::sources::postgresql::codecs
