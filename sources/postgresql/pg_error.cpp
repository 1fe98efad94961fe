#include "sources/postgresql/pg_error.hpp"

#include <algorithm>

namespace connectors::sources::postgresql {

PgErrorClass classify_sqlstate(std::string_view sqlstate) {
  if (sqlstate.size() != 5) return PgErrorClass::kTransient;  // connection failures have none
  const std::string_view error_class = sqlstate.substr(0, 2);
  if (error_class == "28" || error_class == "42" || error_class == "3D" || error_class == "22" ||
      error_class == "0A" || sqlstate == "25006") {
    return PgErrorClass::kPermanent;
  }
  return PgErrorClass::kTransient;
}

PgError::PgError(std::string message, std::string sqlstate, std::string operation)
    : PgError(std::move(message), sqlstate, std::move(operation), classify_sqlstate(sqlstate)) {}

PgError::PgError(std::string message, std::string sqlstate, std::string operation,
                 PgErrorClass error_class)
    : core::Error("PgError", std::move(message)),
      sqlstate_(std::move(sqlstate)),
      operation_(std::move(operation)),
      error_class_(error_class) {
  if (!sqlstate_.empty()) add_context("sqlstate", sqlstate_);
  if (!operation_.empty()) add_context("while", operation_);
}

namespace {

bool is_sqlstate_char(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

LibpqMessage parse_verbose_message(std::string_view message) {
  LibpqMessage parsed;
  std::size_t start = 0;
  while (start < message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string_view::npos) end = message.size();
    std::string line(message.substr(start, end - start));
    start = end + 1;
    if (trim_left(line).starts_with("LOCATION:")) continue;
    // "<SEVERITY>:  XXXXX: text"; the severity word may be translated, the code never is.
    for (std::size_t pos = line.find(":  "); pos != std::string::npos; pos = line.find(":  ", pos + 1)) {
      const std::size_t code = pos + 3;
      if (code + 7 <= line.size() && line[code + 5] == ':' && line[code + 6] == ' ' &&
          std::all_of(line.begin() + static_cast<std::ptrdiff_t>(code),
                      line.begin() + static_cast<std::ptrdiff_t>(code + 5), is_sqlstate_char)) {
        if (parsed.sqlstate.empty()) parsed.sqlstate = line.substr(code, 5);
        line.erase(code, 7);
        break;
      }
    }
    if (!parsed.text.empty()) parsed.text += '\n';
    parsed.text += line;
  }
  while (!parsed.text.empty() && (parsed.text.back() == '\n' || parsed.text.back() == ' ')) {
    parsed.text.pop_back();
  }
  return parsed;
}

PgError malformed_data(std::string message) {
  return PgError(std::move(message), "", "", PgErrorClass::kPermanent);
}

}  // namespace connectors::sources::postgresql
