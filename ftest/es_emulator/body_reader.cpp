#include "ftest/es_emulator/body_reader.hpp"

#include <algorithm>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/field_values.hpp"

#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {

namespace {

// The offset of the first `"name"` used as an object key in `body` (the opening quote);
// npos when there is none.
std::size_t key_offset(std::string_view body, std::string_view name) {
  const std::string quoted = "\"" + std::string(name) + "\"";
  for (std::size_t at = body.find(quoted); at != std::string_view::npos; at = body.find(quoted, at + 1)) {
    std::size_t after = at + quoted.size();
    while (after < body.size() && (body[after] == ' ' || body[after] == '\t' || body[after] == '\n' ||
                                   body[after] == '\r')) {
      ++after;
    }
    if (after < body.size() && body[after] == ':') return at;
  }
  return std::string_view::npos;
}

}  // namespace

EsError add_field_location(const EsError& error, std::string_view body) {
  const std::string& reason = error.reason();
  if (error.type() != "x_content_parse_exception" || reason.size() < 3 || reason[0] != '[' ||
      (reason[1] >= '0' && reason[1] <= '9')) {
    return error;
  }
  constexpr std::string_view kUnknown = "] unknown field [";
  constexpr std::string_view kFailed = "] failed to parse field [";
  std::size_t at = reason.find(kUnknown);
  const bool unknown = at != std::string::npos;
  if (!unknown) at = reason.find(kFailed);
  if (at == std::string::npos || reason.back() != ']') return error;
  const std::size_t start = at + (unknown ? kUnknown.size() : kFailed.size());
  const std::string field = reason.substr(start, reason.size() - 1 - start);
  std::size_t offset = key_offset(body, field);
  if (offset == std::string_view::npos) return error;
  if (!unknown) {
    // The value's token: after the colon and any whitespace.
    offset = body.find(':', offset + field.size() + 2) + 1;
    while (offset < body.size() && (body[offset] == ' ' || body[offset] == '\t' || body[offset] == '\n' ||
                                    body[offset] == '\r')) {
      ++offset;
    }
  }
  return error.with_reason(text_location(body, offset) + " " + reason);
}

BodyReader::BodyReader(const boost::json::object& body, std::string parser_name,
                       std::initializer_list<std::string_view> allowed)
    : body_(body), name_(std::move(parser_name)) {
  for (const auto& member : body) {
    if (std::find(allowed.begin(), allowed.end(), member.key()) == allowed.end()) {
      throw parse_error("[" + name_ + "] unknown field [" + std::string(member.key()) + "]");
    }
  }
}

void BodyReader::fail(std::string_view key) const {
  throw parse_error("[" + name_ + "] failed to parse field [" + std::string(key) + "]");
}

bool BodyReader::has_value(std::string_view key) const {
  const auto* v = body_.if_contains(key);
  return v && !v->is_null();
}

std::optional<std::string> BodyReader::string(std::string_view key) const {
  const auto* v = body_.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) fail(key);
  return std::string(v->get_string());
}

std::optional<bool> BodyReader::boolean(std::string_view key) const {
  const auto* v = body_.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_bool()) return v->get_bool();
  if (v->is_string() && (v->get_string() == "true" || v->get_string() == "false")) {
    return v->get_string() == "true";
  }
  fail(key);
}

std::optional<std::int64_t> BodyReader::integer(std::string_view key) const {
  const auto* v = body_.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (const auto n = long_value(*v)) return n;
  fail(key);
}

const boost::json::object* BodyReader::object(std::string_view key) const {
  const auto* v = body_.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) fail(key);
  return &v->get_object();
}

const boost::json::array* BodyReader::array(std::string_view key) const {
  const auto* v = body_.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) fail(key);
  return &v->get_array();
}

}  // namespace connectors::emulator
