#pragma once
// A validating JSON scanner that builds no DOM: the bulk hot path checks every source line
// (Elasticsearch rejects an item whose source is not a JSON object) and the ingest fast path
// drops top-level fields by cutting their byte ranges, both without allocating per value.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectors::emulator {

struct JsonScanError {
  std::size_t offset = 0;  // byte offset of the offending character
  std::string message;     // "Unexpected character ('x' (code 120))", "Unexpected end-of-input"...
};

// One top-level member of an object: `"key": value`.
struct JsonMember {
  // The key, unescaped. Points into the scanned text unless the key has escapes.
  std::string_view key() const { return escaped ? std::string_view(unescaped) : raw_key; }

  std::string_view raw_key;  // between the quotes
  bool escaped = false;
  std::string unescaped;  // only when `escaped`
  std::size_t begin = 0;  // offset of the key's opening quote
  std::size_t end = 0;    // one past the value's last byte
  std::size_t value_begin = 0;
};

enum class JsonKind { Object, Array, String, Number, Bool, Null };

// Validates one JSON value in `text` (surrounding whitespace allowed). On success `kind`
// is the kind of the top-level value and, when it is an object and `members` is given,
// `members` lists its top-level members in order.
std::optional<JsonScanError> scan_json(std::string_view text, JsonKind* kind,
                                       std::vector<JsonMember>* members = nullptr);

// `text` (a valid JSON object) without the top-level members whose keys are in `drop`.
std::string remove_top_level_members(std::string_view text, const std::vector<JsonMember>& members,
                                     const std::vector<std::string_view>& drop);

}  // namespace connectors::emulator
