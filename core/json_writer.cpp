#include "core/json_writer.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "core/float_format.hpp"
#include "core/utf8.hpp"

namespace connectors::core {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// 0: pass through, 1: two-character escape, 2: \u00XX.
constexpr std::array<std::uint8_t, 256> make_escape_table() {
  std::array<std::uint8_t, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 2;
  table['"'] = 1;
  table['\\'] = 1;
  table['\n'] = 1;
  table['\r'] = 1;
  table['\t'] = 1;
  table['\b'] = 1;
  table['\f'] = 1;
  return table;
}
constexpr auto kEscape = make_escape_table();

void append_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    default: {
      char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(u, 6);
    }
  }
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (kEscape[c] == 0) continue;
    out.append(text.data() + run_start, i - run_start);
    append_escape(out, c);
    run_start = i + 1;
  }
  out.append(text.data() + run_start, text.size() - run_start);
}

void append_json_escaped_lossy(std::string& out, std::string_view bytes) {
  std::size_t run_start = 0;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if (kEscape[c] != 0) {
        out.append(bytes.data() + run_start, i - run_start);
        append_escape(out, c);
        run_start = i + 1;
      }
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(bytes, i);
    if (length == 0) {  // drop the invalid byte
      out.append(bytes.data() + run_start, i - run_start);
      run_start = ++i;
      continue;
    }
    i += length;
  }
  out.append(bytes.data() + run_start, bytes.size() - run_start);
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ > 0) {
    const std::uint64_t bit = std::uint64_t{1} << (depth_ - 1);
    if (has_elements_ & bit) out_ += ',';
    has_elements_ |= bit;
  }
}

void JsonWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  if (depth_ == 64) throw std::length_error("JsonWriter: nesting deeper than 64 levels");
  ++depth_;
  has_elements_ &= ~(std::uint64_t{1} << (depth_ - 1));
}

void JsonWriter::close(char bracket) {
  --depth_;
  out_ += bracket;
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, name);
  out_ += "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, value);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::string_lossy(std::string_view bytes) {
  before_value();
  out_ += '"';
  append_json_escaped_lossy(out_, bytes);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::number(std::int64_t value) {
  before_value();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::number_unsigned(std::uint64_t value) {
  before_value();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  before_value();
  if (!std::isfinite(value)) {
    out_ += "null";
  } else {
    append_python_float(out_, value);
  }
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace connectors::core
