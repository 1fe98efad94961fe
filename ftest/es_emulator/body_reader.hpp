#pragma once
// Strict reading of connector API request bodies, as Elasticsearch's ObjectParser reads
// them: unknown fields and wrongly typed values are 400 x_content_parse_exception
// "[parser_name] unknown field [x]" / "[parser_name] failed to parse field [x]".

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace connectors::emulator {

class BodyReader {
 public:
  // Throws for keys not in `allowed`.
  BodyReader(const boost::json::object& body, std::string parser_name,
             std::initializer_list<std::string_view> allowed);

  bool has(std::string_view key) const { return body_.contains(key); }
  // Present and not null.
  bool has_value(std::string_view key) const;
  const boost::json::value* get(std::string_view key) const { return body_.if_contains(key); }

  // Absent or null: nullopt. Wrong type: throws.
  std::optional<std::string> string(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<std::int64_t> integer(std::string_view key) const;
  const boost::json::object* object(std::string_view key) const;
  const boost::json::array* array(std::string_view key) const;

  // The "failed to parse field" error for `key`.
  [[noreturn]] void fail(std::string_view key) const;
  const std::string& parser_name() const { return name_; }

 private:
  const boost::json::object& body_;
  std::string name_;
};

}  // namespace connectors::emulator
