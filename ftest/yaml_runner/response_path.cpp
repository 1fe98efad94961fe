#include "ftest/yaml_runner/response_path.hpp"

#include <charconv>

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

}  // namespace

std::vector<std::string> split_response_path(std::string_view path) {
  std::vector<std::string> parts;
  std::string current;
  bool escape = false;
  for (const char c : path) {
    if (c == '\\') {
      escape = true;
      continue;
    }
    if (c == '.') {
      if (escape) {
        escape = false;
      } else {
        if (!current.empty()) parts.push_back(std::move(current));
        current.clear();
        continue;
      }
    }
    current += c;
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

std::optional<json::value> evaluate_path(const json::value& body, std::string_view raw_body,
                                         std::string_view path, const Stash& stash) {
  if (path == "$body") return json::value(json::string(raw_body));
  const json::value* current = &body;
  for (std::string part : split_response_path(path)) {
    if (Stash::is_reference(part)) part = java_text(stash.substitute_text(part));
    if (current->is_object()) {
      const auto& object = current->get_object();
      if (part == "_arbitrary_key_") {
        if (object.empty()) throw PathError("requested [_arbitrary_key_] but the map was empty");
        if (object.contains(part)) {
          throw PathError(
              "requested meta-key [_arbitrary_key_] but the map unexpectedly contains it");
        }
        return json::value(json::string(object.begin()->key()));
      }
      current = object.if_contains(part);
    } else if (current->is_array()) {
      const auto& array = current->get_array();
      std::size_t index = 0;
      const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
      if (ec != std::errc{} || ptr != part.data() + part.size()) {
        throw PathError("element was a list, but [" + part + "] was not numeric");
      }
      if (index >= array.size()) {
        throw PathError("element was a list with " + std::to_string(array.size()) +
                        " elements, but [" + part + "] was out of bounds");
      }
      current = &array[index];
    } else {
      throw PathError("no object found for [" + part + "] within [" + java_text(*current) + "]");
    }
    if (!current || current->is_null()) return std::nullopt;
  }
  if (current->is_null()) return std::nullopt;
  return *current;
}

}  // namespace connectors::yaml_runner
