#pragma once
// Test helpers: bytes from hex (captured from a real server with
// `psql -c "COPY (SELECT ...) TO STDOUT (FORMAT binary)" | xxd -p`), and the fields of a
// captured COPY stream.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sources/postgresql/copy_binary_parser.hpp"

namespace connectors::sources::postgresql::testing {

inline std::string from_hex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("not hex");
  };
  std::string out;
  std::size_t i = 0;
  while (i < hex.size()) {
    if (hex[i] == ' ' || hex[i] == '\n') {
      ++i;
      continue;
    }
    out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
    i += 2;
  }
  return out;
}

using Row = std::vector<std::optional<std::string>>;

// Every tuple of a complete COPY BINARY stream.
inline std::vector<Row> copy_rows(std::string_view stream) {
  struct Collect final : CopyRowHandler {
    std::vector<Row> rows;
    void on_row(std::span<const CopyField> fields) override {
      Row row;
      for (const auto& f : fields) {
        row.push_back(f.is_null() ? std::nullopt : std::optional<std::string>(std::string(f.bytes())));
      }
      rows.push_back(std::move(row));
    }
  } collect;
  CopyBinaryParser parser;
  parser.feed(stream, collect);
  parser.finish();
  return collect.rows;
}

// The fields of the single row of a captured stream given in hex.
inline Row captured_row(std::string_view hex) {
  auto rows = copy_rows(from_hex(hex));
  if (rows.size() != 1) throw std::logic_error("expected one row");
  return rows[0];
}

}  // namespace connectors::sources::postgresql::testing
