#pragma once
// config.yml as Elastic's service holds it before reading values: a tree of maps, lists and
// typed scalars. Every node remembers its line so messages can point at it.
//
//   YAML text --parse_config_yaml()--> ConfigNode --nest_dotted_keys()--> ConfigNode
//              (PyYAML's YAML 1.1 scalar types)    (Elastic's _nest_configs + _merge_dicts)
//
// Scalars are typed the way PyYAML's safe_load types them, not the way yaml-cpp would:
// `yes`/`on` are booleans, `0123` is octal 83, `1e3` is a string, `1.0e+3` a float. A quoted
// scalar is always a string.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectors::service {

struct ConfigNode {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap };
  struct Entry;

  Kind kind = Kind::kNull;
  bool boolean = false;
  // kInt: the value, or nullopt when it does not fit in 64 bits (Python ints are unbounded).
  std::optional<std::int64_t> integer;
  double number = 0;  // kFloat
  // kString: the value. Other scalars: the text as written, for messages.
  std::string text;
  std::vector<ConfigNode> items;  // kList
  std::vector<Entry> entries;     // kMap: file order, keys unique (a repeated key: last wins)
  int line = 0;                   // 1-based; 0 for nodes not written in the file

  bool is_map() const { return kind == Kind::kMap; }
  const ConfigNode* find(std::string_view key) const;
  ConfigNode* find(std::string_view key);
  // Inserts or replaces, keeping the position of an existing key (as a Python dict does).
  ConfigNode& set(std::string key, int key_line, ConfigNode value);
};

struct ConfigNode::Entry {
  std::string key;
  int key_line = 0;
  ConfigNode value;
};

// "a string", "a map", "null"... for messages that must not show the value.
std::string_view describe_kind(ConfigNode::Kind kind);
// str() of a Python int: "-12". Empty when the value does not fit in 64 bits and was not
// written in decimal.
std::string python_int_text(const ConfigNode& node);

// Parses YAML text into a tree. An empty document is an empty map. Throws ConfigError
// naming `file` and the line for syntax errors, unsupported tags, several documents and a
// top level that is not a map.
ConfigNode parse_config_yaml(std::string_view text, const std::string& file);

// Elastic's _nest_configs over the top-level keys, in file order: "elasticsearch.bulk.x: 1"
// becomes elasticsearch: {bulk: {x: 1}}; a key landing on an existing map is deep-merged
// into it. Only top-level keys are split. Throws ConfigError when a dotted key runs into a
// value that is not a map, or a map would be replaced by a non-map.
ConfigNode nest_dotted_keys(const ConfigNode& top, const std::string& file);

// Elastic's _merge_dicts: maps merge recursively; anything else in `overlay` replaces.
void merge_config(ConfigNode& base, const ConfigNode& overlay);

}  // namespace connectors::service
