#include "ftest/es_emulator/index_name.hpp"

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {

std::optional<std::string> index_name_problem(std::string_view name, bool require_lowercase) {
  for (const char c : name) {
    switch (c) {
      case '\\':
      case '/':
      case '*':
      case '?':
      case '"':
      case '<':
      case '>':
      case '|':
      case ' ':
      case ',':
        return std::string(
            "must not contain the following characters [' "
            "','\"','*',',','/','<','>','?','\\','|']");
      default: break;
    }
  }
  if (name.empty()) return std::string("must not be empty");
  if (name.find('#') != std::string_view::npos) return std::string("must not contain '#'");
  if (name.find(':') != std::string_view::npos) return std::string("must not contain ':'");
  if (name[0] == '_' || name[0] == '-' || name[0] == '+') {
    return std::string("must not start with '_', '-', or '+'");
  }
  if (name.size() > 255) {
    return "index name is too long, (" + std::to_string(name.size()) + " > 255)";
  }
  if (name == "." || name == "..") return std::string("must not be '.' or '..'");
  if (require_lowercase) {
    for (const char c : name) {
      if (c >= 'A' && c <= 'Z') return std::string("must be lowercase");
    }
  }
  return std::nullopt;
}

void validate_new_index_name(std::string_view name) {
  if (const auto problem = index_name_problem(name)) {
    EsError error(400, "invalid_index_name_exception",
                  "Invalid index name [" + std::string(name) + "], " + *problem);
    error.with("index_uuid", "_na_").with("index", std::string(name));
    throw error;
  }
}

std::string invalid_index_name_text(std::string_view name, const std::string& problem) {
  const std::string n(name);
  return "[" + n + "] InvalidIndexNameException[Invalid index name [" + n + "], " + problem + "]";
}

}  // namespace connectors::emulator
