#include "sources/postgresql/quoter.hpp"

#include <algorithm>

namespace connectors::sources::postgresql {

std::string StandardQuoter::quote_identifier(std::string_view name) const {
  std::string out;
  out.reserve(name.size() + 2);
  out += '"';
  for (const char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string StandardQuoter::quote_literal(std::string_view text) const {
  std::string out;
  out.reserve(text.size() + 4);
  // As PQescapeLiteral: a leading space keeps `E` from gluing onto a preceding identifier.
  if (std::find(text.begin(), text.end(), '\\') != text.end()) out += " E";
  out += '\'';
  for (const char c : text) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  out += '\'';
  return out;
}

}  // namespace connectors::sources::postgresql
