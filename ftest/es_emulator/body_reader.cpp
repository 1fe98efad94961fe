#include "ftest/es_emulator/body_reader.hpp"

#include <algorithm>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {

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
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  if (v->is_string()) {
    try {
      std::size_t used = 0;
      const long long n = std::stoll(std::string(v->get_string()), &used);
      if (used == v->get_string().size()) return n;
    } catch (const std::exception&) {
    }
  }
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
