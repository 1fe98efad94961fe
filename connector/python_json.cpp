#include "connector/python_json.hpp"

#include <cmath>
#include <cstdint>
#include <string_view>

#include "core/float_format.hpp"

namespace connectors::service {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_u_escape(std::string& out, std::uint32_t unit) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
}

// Decodes one UTF-8 sequence at s[i]; invalid bytes decode as U+FFFD, one byte at a time.
std::uint32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  std::uint32_t cp = 0xFFFD;
  std::size_t length = 1;
  if (b0 < 0x80) {
    cp = b0;
  } else if (b0 >= 0xC2 && b0 <= 0xDF && cont(1) >= 0) {
    cp = ((b0 & 0x1Fu) << 6) | static_cast<std::uint32_t>(cont(1));
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) >= 0 && cont(2) >= 0) {
    cp = ((b0 & 0x0Fu) << 12) | (static_cast<std::uint32_t>(cont(1)) << 6) |
         static_cast<std::uint32_t>(cont(2));
    length = 3;
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = 0xFFFD;
      length = 1;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) >= 0 && cont(2) >= 0 && cont(3) >= 0) {
    cp = ((b0 & 0x07u) << 18) | (static_cast<std::uint32_t>(cont(1)) << 12) |
         (static_cast<std::uint32_t>(cont(2)) << 6) | static_cast<std::uint32_t>(cont(3));
    length = 4;
    if (cp < 0x10000 || cp > 0x10FFFF) {
      cp = 0xFFFD;
      length = 1;
    }
  }
  i += length;
  return cp;
}

// json.encoder.py_encode_basestring_ascii
void append_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    const std::uint32_t cp = decode_utf8(s, i);
    switch (cp) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (cp >= 0x20 && cp <= 0x7E) {
          out += static_cast<char>(cp);
        } else if (cp <= 0xFFFF) {
          append_u_escape(out, cp);
        } else {
          const std::uint32_t v = cp - 0x10000;
          append_u_escape(out, 0xD800 | (v >> 10));
          append_u_escape(out, 0xDC00 | (v & 0x3FF));
        }
    }
  }
  out += '"';
}

void append_double(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
  } else if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
  } else {
    core::append_python_float(out, d);
  }
}

void write(std::string& out, const boost::json::value& v, int indent, int depth) {
  const auto newline = [&](int level) {
    out += '\n';
    out.append(static_cast<std::size_t>(indent * level), ' ');
  };
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: out += std::to_string(v.get_int64()); break;
    case boost::json::kind::uint64: out += std::to_string(v.get_uint64()); break;
    case boost::json::kind::double_: append_double(out, v.get_double()); break;
    case boost::json::kind::string: append_string(out, v.get_string()); break;
    case boost::json::kind::array: {
      const auto& array = v.get_array();
      if (array.empty()) {
        out += "[]";
        break;
      }
      out += '[';
      for (std::size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out += ',';
        newline(depth + 1);
        write(out, array[i], indent, depth + 1);
      }
      newline(depth);
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      const auto& object = v.get_object();
      if (object.empty()) {
        out += "{}";
        break;
      }
      out += '{';
      bool first = true;
      for (const auto& entry : object) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        append_string(out, entry.key());
        out += ": ";
        write(out, entry.value(), indent, depth + 1);
      }
      newline(depth);
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string python_json_dumps(const boost::json::value& value, int indent) {
  std::string out;
  write(out, value, indent, 0);
  return out;
}

}  // namespace connectors::service
