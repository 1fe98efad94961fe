#include "ftest/es_emulator/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/json_writer.hpp"
#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {

void append_java_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  if (value == 0) {
    out += std::signbit(value) ? "-0.0" : "0.0";
    return;
  }
  // Shortest digits in scientific form: d[.ddd]e[+-]x.
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));
  std::string sign;
  if (sci.front() == '-') {
    sign = "-";
    sci.remove_prefix(1);
  }
  const auto e = sci.find('e');
  std::string digits;
  digits += sci[0];
  if (e > 1) digits.append(sci.substr(2, e - 2));  // skip the '.'
  int exponent = 0;
  std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+' ? 1 : 0), sci.data() + sci.size(),
                  exponent);

  out += sign;
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const auto int_len = static_cast<std::size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out += digits;
        out.append(int_len - digits.size(), '0');
        out += ".0";
      } else {
        out.append(digits, 0, int_len);
        out += '.';
        out.append(digits, int_len, std::string::npos);
      }
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out += digits;
    }
    return;
  }
  out += digits[0];
  out += '.';
  if (digits.size() > 1) {
    out.append(digits, 1, std::string::npos);
  } else {
    out += '0';
  }
  out += 'E';
  out += std::to_string(exponent);
}

void append_json(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: out += "null"; return;
    case boost::json::kind::bool_: out += value.get_bool() ? "true" : "false"; return;
    case boost::json::kind::int64: out += std::to_string(value.get_int64()); return;
    case boost::json::kind::uint64: out += std::to_string(value.get_uint64()); return;
    case boost::json::kind::double_: append_java_double(out, value.get_double()); return;
    case boost::json::kind::string:
      out += '"';
      core::append_json_escaped(out, value.get_string());
      out += '"';
      return;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append_json(out, element);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += '"';
        core::append_json_escaped(out, member.key());
        out += "\":";
        append_json(out, member.value());
      }
      out += '}';
      return;
    }
  }
}

std::string to_json(const boost::json::value& value) {
  std::string out;
  append_json(out, value);
  return out;
}

std::string text_location(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "[" + std::to_string(line) + ":" + std::to_string(column) + "]";
}

std::string jackson_token_name(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: return "START_OBJECT";
    case boost::json::kind::array: return "START_ARRAY";
    case boost::json::kind::string: return "VALUE_STRING";
    case boost::json::kind::bool_: return "VALUE_BOOLEAN";
    case boost::json::kind::null: return "VALUE_NULL";
    default: return "VALUE_NUMBER";
  }
}

boost::json::value parse_json(std::string_view text) {
  boost::json::parser parser;
  boost::system::error_code ec;
  const std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) {
    return parser.release();
  }
  std::string message;
  if (consumed >= text.size()) {
    message = "Unexpected end-of-input";
  } else {
    const auto c = static_cast<unsigned char>(text[consumed]);
    char buf[64];
    if (c >= 0x20 && c < 0x7f) {
      std::snprintf(buf, sizeof buf, "Unexpected character ('%c' (code %u))", c, c);
    } else {
      std::snprintf(buf, sizeof buf, "Unexpected character (code %u)", c);
    }
    message = buf;
  }
  throw parse_error(text_location(text, consumed) + " " + message + ": " + ec.message());
}

boost::json::object parse_json_object(std::string_view text, std::string_view what) {
  boost::json::value value = parse_json(text);
  if (!value.is_object()) {
    throw parse_error("[1:1] " + std::string(what) + " must be a JSON object");
  }
  return std::move(value.get_object());
}

namespace {

void pretty_value(std::string& out, const boost::json::value& value, int depth) {
  const auto indent = [&](int d) { out.append(static_cast<std::size_t>(d) * 2, ' '); };
  if (value.is_object()) {
    const auto& object = value.get_object();
    if (object.empty()) {
      out += "{ }";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& member : object) {
      if (!first) out += ",\n";
      first = false;
      indent(depth + 1);
      out += '"';
      core::append_json_escaped(out, member.key());
      out += "\" : ";
      pretty_value(out, member.value(), depth + 1);
    }
    out += '\n';
    indent(depth);
    out += '}';
  } else if (value.is_array()) {
    const auto& array = value.get_array();
    if (array.empty()) {
      out += "[ ]";
      return;
    }
    out += "[\n";
    bool first = true;
    for (const auto& element : array) {
      if (!first) out += ",\n";
      first = false;
      indent(depth + 1);
      pretty_value(out, element, depth + 1);
    }
    out += '\n';
    indent(depth);
    out += ']';
  } else {
    append_json(out, value);
  }
}

}  // namespace

std::string pretty_json(std::string_view compact) {
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(compact, ec);
  if (ec) return std::string(compact);
  std::string out;
  pretty_value(out, value, 0);
  out += '\n';
  return out;
}

}  // namespace connectors::emulator
