#include "sources/postgresql/column_naming.hpp"

#include <algorithm>

#include <boost/algorithm/string/join.hpp>

namespace connectors::sources::postgresql {
namespace {

bool is_python_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_python_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_python_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> sorted(std::vector<std::string> tables) {
  std::sort(tables.begin(), tables.end());  // Python sorts str by code point: bytewise in UTF-8
  return tables;
}


void append_utf8(std::string& out, unsigned code_point) {
  out += static_cast<char>(0xC0 | (code_point >> 6));
  out += static_cast<char>(0x80 | (code_point & 0x3F));
}

// Lower case of a code point in U+0080..U+07FF, or the code point itself.
unsigned lower_two_byte(unsigned cp) {
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) return cp + 0x20;            // Latin-1
  if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) return cp + 1;              // Latin Ext-A
  if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) return cp + 1;
  if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) return cp + 1;
  if (cp == 0x178) return 0xFF;
  if (cp == 0x179 || cp == 0x17B || cp == 0x17D) return cp + 1;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 0x20;           // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                          // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

}  // namespace

std::string python_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
      continue;
    }
    const bool two_byte = c >= 0xC2 && c <= 0xDF && i + 1 < text.size() &&
                          (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80;
    if (two_byte) {
      const unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      append_utf8(out, lower_two_byte(cp));
      ++i;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::string column_prefix(std::string_view schema, const std::vector<std::string>& tables) {
  std::string prefix;
  const std::string_view stripped = strip(schema);
  if (!stripped.empty()) {
    prefix += stripped;
    prefix += '_';
  }
  if (!tables.empty()) {
    prefix += boost::algorithm::join(sorted(tables), "_");
    prefix += '_';
  }
  return prefix;
}

std::string map_column_name(std::string_view column, std::string_view schema,
                            const std::vector<std::string>& tables) {
  std::string key = column_prefix(schema, tables);
  key += column;
  return python_lower(key);
}

std::string id_prefix(std::string_view database, std::string_view schema,
                      const std::vector<std::string>& tables) {
  std::string prefix(database);
  prefix += '_';
  prefix += schema;
  prefix += '_';
  prefix += boost::algorithm::join(sorted(tables), "_");
  prefix += '_';
  return prefix;
}

}  // namespace connectors::sources::postgresql
