#include "ftest/yaml_runner/stash.hpp"

#include "core/float_format.hpp"
#include "ftest/yaml_runner/response_path.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

}  // namespace

bool Stash::is_reference(std::string_view text) {
  if (text.size() > 1 && text[0] == '$' && text[1] != '{') return true;
  const auto open = text.find("${");
  return open != std::string_view::npos && text.find('}', open) != std::string_view::npos;
}

json::value Stash::lookup(std::string_view key) const {
  // "$a.b": a path into a stashed object, the first segment naming the stashed value.
  const auto segments = split_response_path(key);
  if (segments.empty()) throw StashError("empty stash reference");
  const json::value* current = values_.if_contains(segments.front());
  for (std::size_t i = 1; current && i < segments.size(); ++i) {
    const std::string& part = segments[i];
    if (current->is_object()) {
      current = current->get_object().if_contains(part);
    } else if (current->is_array()) {
      std::size_t index = 0;
      try {
        index = std::stoul(part);
      } catch (const std::exception&) {
        current = nullptr;
        break;
      }
      current = index < current->get_array().size() ? &current->get_array()[index] : nullptr;
    } else {
      current = nullptr;
    }
  }
  if (!current || current->is_null()) {
    throw StashError("stashed value not found for key [" + std::string(key) + "]");
  }
  return *current;
}

json::value Stash::substitute_text(std::string_view text) const {
  if (text.size() > 1 && text[0] == '$' && text[1] != '{') return lookup(text.substr(1));
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("${", pos);
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    out += java_text(lookup(text.substr(open + 2, close - open - 2)));
    pos = close + 1;
  }
  return json::string(out);
}

json::value Stash::substitute(const json::value& value) const {
  switch (value.kind()) {
    case json::kind::string:
      return is_reference(value.get_string()) ? substitute_text(value.get_string()) : value;
    case json::kind::array: {
      json::array out;
      out.reserve(value.get_array().size());
      for (const auto& item : value.get_array()) out.push_back(substitute(item));
      return out;
    }
    case json::kind::object: {
      json::object out;
      for (const auto& [key, item] : value.get_object()) {
        std::string name(key);
        if (is_reference(name)) name = java_text(substitute_text(name));
        out[name] = substitute(item);
      }
      return out;
    }
    default:
      return value;
  }
}

std::string java_text(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string:
      return std::string(value.get_string());
    case json::kind::bool_:
      return value.get_bool() ? "true" : "false";
    case json::kind::int64:
      return std::to_string(value.get_int64());
    case json::kind::uint64:
      return std::to_string(value.get_uint64());
    case json::kind::double_:
      return core::python_float(value.get_double());
    case json::kind::null:
      return "null";
    case json::kind::array: {
      std::string out = "[";
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        out += java_text(item);
      }
      return out + "]";
    }
    case json::kind::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        out += std::string(key) + "=" + java_text(item);
      }
      return out + "}";
    }
  }
  return {};
}

}  // namespace connectors::yaml_runner
