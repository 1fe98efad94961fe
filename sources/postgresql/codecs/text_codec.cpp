#include "sources/postgresql/codecs/text_codec.hpp"

#include <algorithm>

namespace connectors::sources::postgresql::codecs {
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
