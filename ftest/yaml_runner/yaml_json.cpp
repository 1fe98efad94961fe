#include "ftest/yaml_runner/yaml_json.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <regex>

#include "core/error.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> options) {
  for (const auto option : options) {
    if (text == option) return true;
  }
  return false;
}

std::optional<json::value> as_integer(std::string_view text) {
  static const std::regex decimal("[-+]?[0-9]+");
  static const std::regex octal("0o[0-7]+");
  static const std::regex hex("0x[0-9a-fA-F]+");
  const std::string s(text);
  int base = 10;
  std::string_view digits = text;
  if (std::regex_match(s, octal)) {
    base = 8;
    digits.remove_prefix(2);
  } else if (std::regex_match(s, hex)) {
    base = 16;
    digits.remove_prefix(2);
  } else if (!std::regex_match(s, decimal)) {
    return std::nullopt;
  }
  const bool negative = !digits.empty() && digits.front() == '-';
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  std::uint64_t magnitude = 0;
  const auto [ptr, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec == std::errc::result_out_of_range) return json::value(std::stod(s));
  if (ec != std::errc{} || ptr != digits.data() + digits.size()) return std::nullopt;
  if (!negative) {
    if (magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return json::value(static_cast<std::int64_t>(magnitude));
    }
    return json::value(magnitude);
  }
  if (magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
    return json::value(static_cast<std::int64_t>(0 - magnitude));
  }
  return json::value(-static_cast<double>(magnitude));
}

std::optional<json::value> as_float(std::string_view text) {
  static const std::regex number(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (is_one_of(text, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
    return json::value(std::numeric_limits<double>::infinity());
  if (is_one_of(text, {"-.inf", "-.Inf", "-.INF"}))
    return json::value(-std::numeric_limits<double>::infinity());
  if (is_one_of(text, {".nan", ".NaN", ".NAN"})) return json::value(std::nan(""));
  const std::string s(text);
  if (!std::regex_match(s, number)) return std::nullopt;
  return json::value(std::stod(s));
}

core::Error yaml_error(std::string message) { return core::Error("YamlError", std::move(message)); }

}  // namespace

json::value plain_scalar(std::string_view text) {
  if (is_one_of(text, {"", "~", "null", "Null", "NULL"})) return nullptr;
  if (is_one_of(text, {"true", "True", "TRUE"})) return true;
  if (is_one_of(text, {"false", "False", "FALSE"})) return false;
  if (auto integer = as_integer(text)) return *integer;
  if (auto real = as_float(text)) return *real;
  return json::string(text);
}

json::value to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar: {
      // yaml-cpp tags plain scalars "?" and quoted or block scalars "!"; an explicit tag
      // such as !!str also makes a string.
      const std::string& tag = node.Tag();
      if (tag == "?") return plain_scalar(node.Scalar());
      if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
          tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
        return plain_scalar(node.Scalar());
      }
      return json::string(node.Scalar());
    }
    case YAML::NodeType::Sequence: {
      json::array array;
      array.reserve(node.size());
      for (const auto& item : node) array.push_back(to_json(item));
      return array;
    }
    case YAML::NodeType::Map: {
      json::object object;
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) {
          throw yaml_error("line " + std::to_string(entry.first.Mark().line + 1) +
                           ": map keys must be scalars");
        }
        object[entry.first.Scalar()] = to_json(entry.second);
      }
      return object;
    }
  }
  return nullptr;
}

std::vector<YAML::Node> load_documents(const std::string& text, const std::string& name) {
  try {
    return YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw yaml_error(name + ": line " + std::to_string(e.mark.line + 1) + ", column " +
                     std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace connectors::yaml_runner
