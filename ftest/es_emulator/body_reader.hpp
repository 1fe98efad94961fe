#pragma once
// Strict reading of connector API request bodies, as Elasticsearch's ObjectParser reads
// them: unknown fields and wrongly typed values are 400 x_content_parse_exception
// "[1:15] [parser_name] unknown field [x]" / "[1:20] [parser_name] failed to parse field [x]".
//
// The reader works on a parsed object, so it cannot know where a field was; the router (and
// _bulk for an update item) puts the location in front afterwards with
// add_field_location(), from the body text: the key's for an unknown field, the value's for
// a field that failed to parse, as Jackson's token location reports them.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace connectors::emulator {

class EsError;

// `error` with "[line:col] " in front of its reason when it is an ObjectParser field error
// without a location and the field is found in `body`; otherwise `error` unchanged.
EsError add_field_location(const EsError& error, std::string_view body);

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
