#include "sources/postgresql/codecs/json_codec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "core/float_format.hpp"
#include "core/json_writer.hpp"
#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Python's float(text) of a JSON number, then repr; false when it is not finite.
bool append_python_number(std::string& out, std::string_view token) {
  const bool is_integer = token.find_first_of(".eE") == std::string_view::npos;
  if (is_integer) {
    out += token == "-0" ? std::string_view("0") : token;
    return true;
  }
  char small[64];
  std::string large;
  const char* text = nullptr;
  if (token.size() < sizeof small) {
    std::copy(token.begin(), token.end(), small);
    small[token.size()] = '\0';
    text = small;
  } else {
    large.assign(token);
    text = large.c_str();
  }
  // strtod rounds correctly and, like Python, gives +-inf on overflow and 0 on underflow.
  const double value = std::strtod(text, nullptr);
  if (!std::isfinite(value)) {
    out += "null";
    return false;
  }
  core::append_python_float(out, value);
  return true;
}

void write_python_value(const boost::json::value& value, core::JsonWriter& writer, JsonNotes& notes) {
  switch (value.kind()) {
    case boost::json::kind::null: writer.null(); return;
    case boost::json::kind::bool_: writer.boolean(value.get_bool()); return;
    case boost::json::kind::int64: writer.number(value.get_int64()); return;
    case boost::json::kind::uint64: writer.number_unsigned(value.get_uint64()); return;
    case boost::json::kind::double_:
      if (!std::isfinite(value.get_double())) notes.non_finite = true;
      writer.number(value.get_double());
      return;
    case boost::json::kind::string: writer.string(value.get_string()); return;
    case boost::json::kind::array:
      writer.begin_array();
      for (const auto& item : value.get_array()) write_python_value(item, writer, notes);
      writer.end_array();
      return;
    case boost::json::kind::object:
      writer.begin_object();
      for (const auto& [key, item] : value.get_object()) {
        writer.key(key);
        write_python_value(item, writer, notes);
      }
      writer.end_object();
      return;
  }
}

}  // namespace

void append_json_python(std::string& out, std::string_view text, JsonNotes& notes) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t start = i++;
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      ++i;  // the closing quote
      out.append(text.data() + start, std::min(i, text.size()) - start);
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t start = i;
      while (i < text.size() && is_number_char(text[i])) ++i;
      if (!append_python_number(out, text.substr(start, i - start))) notes.non_finite = true;
    } else {
      out += c;
      ++i;
    }
  }
}

bool has_duplicate_keys(std::string_view text) {
  // One list of keys per open object (arrays push an empty marker so that depths line up).
  std::vector<std::vector<std::string_view>> open;
  std::vector<bool> is_object;
  bool expect_key = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t start = i++;
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      if (expect_key && !open.empty()) open.back().push_back(text.substr(start, i + 1 - start));
      expect_key = false;
    } else if (c == '{') {
      open.emplace_back();
      is_object.push_back(true);
      expect_key = true;
    } else if (c == '[') {
      open.emplace_back();
      is_object.push_back(false);
      expect_key = false;
    } else if (c == '}' || c == ']') {
      if (open.empty()) return false;
      std::vector<std::string_view>& keys = open.back();
      if (keys.size() > 1) {
        std::sort(keys.begin(), keys.end());
        if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return true;
      }
      open.pop_back();
      is_object.pop_back();
      expect_key = false;
    } else if (c == ',') {
      expect_key = !is_object.empty() && is_object.back();
    }
  }
  return false;
}

void append_json_python_deduplicated(std::string& out, std::string_view text, JsonNotes& notes) {
  boost::json::error_code error;
  const boost::json::value value = boost::json::parse(text, error);
  if (error) throw malformed_data("malformed json value: " + error.message());
  core::JsonWriter writer(out);
  write_python_value(value, writer, notes);
}

std::string_view jsonb_text(std::string_view bytes) {
  if (bytes.empty() || bytes[0] != 1) {
    throw malformed_data("malformed binary jsonb value: unknown version");
  }
  return bytes.substr(1);
}

}  // namespace connectors::sources::postgresql::codecs
