#include "core/python_repr.hpp"

#include <cstdio>

#include "core/float_format.hpp"

namespace connectors::core {
namespace json = boost::json;

namespace {

void append_hex_escape(std::string& out, unsigned code) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02x", code);
  out += buf;
}

void append_repr(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: out += "None"; return;
    case json::kind::bool_: out += value.get_bool() ? "True" : "False"; return;
    case json::kind::int64: out += std::to_string(value.get_int64()); return;
    case json::kind::uint64: out += std::to_string(value.get_uint64()); return;
    case json::kind::double_: append_python_float(out, value.get_double()); return;
    case json::kind::string: out += python_str_repr(value.get_string()); return;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        append_repr(out, item);
      }
      out += ']';
      return;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        out += python_str_repr(key);
        out += ": ";
        append_repr(out, item);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string python_str_repr(std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(text.size() + 2);
  out += quote;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == static_cast<unsigned char>(quote)) {
      out += '\\';
      out += quote;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      append_hex_escape(out, c);
    } else if (c == 0xc2 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) <= 0x9f || static_cast<unsigned char>(text[i + 1]) == 0xa0)) {
      // U+0080..U+009F and U+00A0 are not printable for Python: \x80 .. \xa0.
      append_hex_escape(out, static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  return out;
}

std::string python_list_repr(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += python_str_repr(items[i]);
  }
  out += ']';
  return out;
}

std::string python_repr(const json::value& value) {
  std::string out;
  append_repr(out, value);
  return out;
}

std::string python_str(const json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  return python_repr(value);
}

}  // namespace connectors::core
