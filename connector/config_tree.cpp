#include "connector/config_tree.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "connector/config_error.hpp"

namespace connectors::service {
namespace {

using Kind = ConfigNode::Kind;

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

// PyYAML's implicit resolvers (resolver.py), which follow YAML 1.1.
const std::regex& int_pattern() {
  static const std::regex re(
      "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
      "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  return re;
}
const std::regex& float_pattern() {
  static const std::regex re(
      "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  return re;
}

// std::regex recurses per character, so long texts are not tried: they are strings (no
// number in a config.yml is that long).
bool matches(const std::string& text, const std::regex& re) {
  constexpr std::size_t kMaxNumberLength = 1024;
  return text.size() <= kMaxNumberLength && std::regex_match(text, re);
}

std::optional<bool> yaml11_bool(const std::string& text) {
  static const char* const kTrue[] = {"yes", "Yes", "YES", "true", "True", "TRUE",
                                      "on",  "On",  "ON"};
  static const char* const kFalse[] = {"no",    "No",    "NO",  "false", "False",
                                       "FALSE", "off",   "Off", "OFF"};
  for (const char* t : kTrue) {
    if (text == t) return true;
  }
  for (const char* f : kFalse) {
    if (text == f) return false;
  }
  return std::nullopt;
}

std::string strip_underscores(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != '_') out += c;
  }
  return out;
}

// PyYAML's construct_yaml_int. nullopt: does not fit in 64 bits.
std::optional<std::int64_t> construct_int(const std::string& text) {
  std::string value = strip_underscores(text);
  bool negative = false;
  if (!value.empty() && (value[0] == '-' || value[0] == '+')) {
    negative = value[0] == '-';
    value.erase(0, 1);
  }
  // Accumulated as a negative number so that INT64_MIN fits.
  auto accumulate = [&](std::string_view digits, int base) -> std::optional<std::int64_t> {
    if (digits.empty()) return std::nullopt;
    std::int64_t acc = 0;
    for (char c : digits) {
      int d = 0;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (acc < (std::numeric_limits<std::int64_t>::min() + d) / base) return std::nullopt;
      acc = acc * base - d;
    }
    if (!negative) {
      if (acc == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
      return -acc;
    }
    return acc;
  };
  if (value == "0") return 0;
  if (value.rfind("0b", 0) == 0) return accumulate(std::string_view(value).substr(2), 2);
  if (value.rfind("0x", 0) == 0) return accumulate(std::string_view(value).substr(2), 16);
  if (value[0] == '0') return accumulate(value, 8);
  if (value.find(':') != std::string::npos) {
    // Sexagesimal: 1:30 is 90.
    std::int64_t total = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t colon = value.find(':', start);
      const std::string part = value.substr(start, colon - start);
      const auto digit = std::strtoll(part.c_str(), nullptr, 10);
      if (total > (std::numeric_limits<std::int64_t>::max() - digit) / 60) return std::nullopt;
      total = total * 60 + digit;
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    return negative ? -total : total;
  }
  return accumulate(value, 10);
}

double construct_float(const std::string& text) {
  std::string value = strip_underscores(text);
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double sign = 1;
  if (!value.empty() && (value[0] == '-' || value[0] == '+')) {
    if (value[0] == '-') sign = -1;
    value.erase(0, 1);
  }
  if (value == ".inf") return sign * std::numeric_limits<double>::infinity();
  if (value == ".nan") return std::numeric_limits<double>::quiet_NaN();
  if (value.find(':') != std::string::npos) {
    double total = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t colon = value.find(':', start);
      total = total * 60 + std::strtod(value.substr(start, colon - start).c_str(), nullptr);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
    return sign * total;
  }
  return sign * std::strtod(value.c_str(), nullptr);
}

ConfigNode make_int(const std::string& text, int line) {
  ConfigNode node;
  node.kind = Kind::kInt;
  node.integer = construct_int(text);
  node.text = text;
  node.line = line;
  return node;
}

ConfigNode make_float(const std::string& text, int line) {
  ConfigNode node;
  node.kind = Kind::kFloat;
  node.number = construct_float(text);
  node.text = text;
  node.line = line;
  return node;
}

ConfigNode make_string(const std::string& text, int line) {
  ConfigNode node;
  node.kind = Kind::kString;
  node.text = text;
  node.line = line;
  return node;
}

ConfigNode resolve_plain(const std::string& text, int line) {
  if (auto b = yaml11_bool(text)) {
    ConfigNode node;
    node.kind = Kind::kBool;
    node.boolean = *b;
    node.text = text;
    node.line = line;
    return node;
  }
  if (!text.empty() && std::string_view("-+0123456789.").find(text[0]) != std::string_view::npos) {
    if (matches(text, float_pattern())) return make_float(text, line);
    if (matches(text, int_pattern())) return make_int(text, line);
  }
  return make_string(text, line);
}

[[noreturn]] void fail_at(const std::string& file, int line, const std::string& what) {
  throw ConfigError(file + ":" + std::to_string(line) + ": " + what);
}

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

ConfigNode convert(const YAML::Node& node, const std::string& file, int fallback_line);

ConfigNode convert_scalar(const YAML::Node& node, const std::string& file) {
  const std::string& tag = node.Tag();
  const std::string& text = node.Scalar();
  const int line = line_of(node);
  if (tag == "?") return resolve_plain(text, line);
  if (tag == "!") return make_string(text, line);
  if (tag.rfind(kTagPrefix, 0) == 0) {
    const std::string_view type = std::string_view(tag).substr(kTagPrefix.size());
    if (type == "str") return make_string(text, line);
    if (type == "int" && matches(text, int_pattern())) return make_int(text, line);
    if (type == "float") {
      if (matches(text, float_pattern()) || matches(text, int_pattern())) {
        return make_float(text, line);
      }
    }
    if (type == "bool") {
      if (auto b = yaml11_bool(text)) {
        ConfigNode out;
        out.kind = Kind::kBool;
        out.boolean = *b;
        out.text = text;
        out.line = line;
        return out;
      }
    }
    if (type == "null") {
      ConfigNode out;
      out.line = line;
      return out;
    }
    fail_at(file, line, "the value cannot be read as !!" + std::string(type));
  }
  fail_at(file, line, "unsupported YAML tag " + tag);
}

// YAML 1.1 merge keys ("<<: *base"), which PyYAML's safe_load applies: the merged maps'
// keys come first and the map's own keys override them; of several merged maps, the earlier
// ones win.
void apply_merge_key(ConfigNode& target, const YAML::Node& value, const std::string& file) {
  std::vector<YAML::Node> sources;
  if (value.IsMap()) {
    sources.push_back(value);
  } else if (value.IsSequence()) {
    for (const auto& item : value) {
      if (!item.IsMap()) fail_at(file, line_of(item), "a merge key (<<) takes maps only");
      sources.push_back(item);
    }
  } else {
    fail_at(file, line_of(value), "a merge key (<<) takes a map or a list of maps");
  }
  for (auto it = sources.rbegin(); it != sources.rend(); ++it) {
    ConfigNode merged = convert(*it, file, line_of(*it));
    for (auto& entry : merged.entries) {
      target.set(std::move(entry.key), entry.key_line, std::move(entry.value));
    }
  }
}

ConfigNode convert(const YAML::Node& node, const std::string& file, int fallback_line) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: {
      ConfigNode out;
      // yaml-cpp marks an empty value at the next token; the key's line reads better.
      out.line = fallback_line;
      return out;
    }
    case YAML::NodeType::Scalar:
      return convert_scalar(node, file);
    case YAML::NodeType::Sequence: {
      ConfigNode out;
      out.kind = Kind::kList;
      out.line = line_of(node);
      for (const auto& item : node) out.items.push_back(convert(item, file, line_of(node)));
      return out;
    }
    case YAML::NodeType::Map: {
      ConfigNode out;
      out.kind = Kind::kMap;
      out.line = line_of(node);
      // Own keys after merged ones, so collect the merge keys first.
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (it->first.IsScalar() && it->first.Tag() == "?" && it->first.Scalar() == "<<") {
          apply_merge_key(out, it->second, file);
        }
      }
      for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;
        std::string name;
        if (key.IsScalar()) {
          if (key.Tag() == "?" && key.Scalar() == "<<") continue;
          name = key.Scalar();
        } else if (key.IsNull()) {
          name = "null";
        } else {
          fail_at(file, line_of(key), "a key must be a plain value, not a list or a map");
        }
        const int key_line = line_of(key);
        out.set(std::move(name), key_line, convert(it->second, file, key_line));
      }
      return out;
    }
  }
  return ConfigNode{};
}

std::vector<std::string> split_dots(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

const ConfigNode* ConfigNode::find(std::string_view key) const {
  for (const auto& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

ConfigNode* ConfigNode::find(std::string_view key) {
  for (auto& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

ConfigNode& ConfigNode::set(std::string key, int key_line, ConfigNode value) {
  for (auto& e : entries) {
    if (e.key == key) {
      e.key_line = key_line;
      e.value = std::move(value);
      return e.value;
    }
  }
  entries.push_back(Entry{std::move(key), key_line, std::move(value)});
  return entries.back().value;
}

std::string_view describe_kind(ConfigNode::Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "a boolean";
    case Kind::kInt: return "a whole number";
    case Kind::kFloat: return "a number";
    case Kind::kString: return "a string";
    case Kind::kList: return "a list";
    case Kind::kMap: return "a map";
  }
  return "a value";
}

std::string python_int_text(const ConfigNode& node) {
  if (node.integer) return std::to_string(*node.integer);
  // Too big for 64 bits: only decimal spellings can be rewritten without arithmetic.
  std::string digits = strip_underscores(node.text);
  bool negative = false;
  if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) {
    negative = digits[0] == '-';
    digits.erase(0, 1);
  }
  if (digits.empty() || digits[0] == '0' ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return {};
  }
  return negative ? "-" + digits : digits;
}

ConfigNode parse_config_yaml(std::string_view text, const std::string& file) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    std::string where = file;
    if (!e.mark.is_null()) {
      where += ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    }
    throw ConfigError(where + ": invalid YAML: " + e.msg);
  }
  if (documents.size() > 1) {
    throw ConfigError(file + ":" + std::to_string(line_of(documents[1])) +
                      ": expected one YAML document, found " +
                      std::to_string(documents.size()));
  }
  ConfigNode top;
  top.kind = Kind::kMap;
  if (documents.empty() || documents[0].IsNull()) return top;
  if (!documents[0].IsMap()) {
    throw ConfigError(file + ":" + std::to_string(line_of(documents[0])) +
                      ": expected settings (key: value lines) at the top level, got " +
                      std::string(describe_kind(convert(documents[0], file, 1).kind)));
  }
  return convert(documents[0], file, 1);
}

ConfigNode nest_dotted_keys(const ConfigNode& top, const std::string& file) {
  ConfigNode out;
  out.kind = Kind::kMap;
  out.line = top.line;
  for (const auto& entry : top.entries) {
    const std::vector<std::string> parts = split_dots(entry.key);
    ConfigNode* current = &out;
    std::string path;
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      path += (k == 0 ? "" : ".") + parts[k];
      ConfigNode* next = current->find(parts[k]);
      if (next == nullptr || next->kind == Kind::kNull) {
        ConfigNode map;
        map.kind = Kind::kMap;
        map.line = entry.key_line;
        next = &current->set(parts[k], entry.key_line, std::move(map));
      } else if (!next->is_map()) {
        throw ConfigError(file + ":" + std::to_string(entry.key_line) + ": " + entry.key +
                          ": cannot be set because " + path + " (line " +
                          std::to_string(next->line) + ") is not a map of settings");
      }
      current = next;
    }
    ConfigNode* existing = current->find(parts.back());
    if (existing != nullptr && existing->is_map() && entry.value.is_map()) {
      merge_config(*existing, entry.value);
    } else if (existing != nullptr && existing->is_map() && entry.value.kind == Kind::kNull) {
      // "elasticsearch:" with everything under it commented out: keep what is there.
    } else {
      current->set(parts.back(), entry.key_line, entry.value);
    }
  }
  return out;
}

void merge_config(ConfigNode& base, const ConfigNode& overlay) {
  if (!base.is_map() || !overlay.is_map()) {
    base = overlay;
    return;
  }
  for (const auto& entry : overlay.entries) {
    ConfigNode* existing = base.find(entry.key);
    if (existing != nullptr && existing->is_map() && entry.value.is_map()) {
      merge_config(*existing, entry.value);
    } else {
      base.set(entry.key, entry.key_line, entry.value);
    }
  }
}

}  // namespace connectors::service
