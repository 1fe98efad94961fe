#pragma once
// JSON text written straight into a caller-owned string: no DOM, no allocation per value
// once the string has grown to its working size. This is the writer on the per-row path
// (row -> document -> _bulk body); anything read or built rarely uses Boost.JSON instead.
//
//   std::string out;
//   JsonWriter w(out);
//   w.begin_object().key("id").number(42).key("name").string("a\"b").end_object();
//   // out == {"id":42,"name":"a\"b"}
//
// The writer places commas and colons itself; it does not check that keys and values
// alternate (the callers are few and tested).

#include <cstdint>
#include <string>
#include <string_view>

namespace connectors::core {

// Appends `text` with JSON string escaping (quotes, backslash, control characters),
// without the surrounding quotes. `text` must be valid UTF-8.
void append_json_escaped(std::string& out, std::string_view text);

// Like append_json_escaped, but drops bytes that are not valid UTF-8 instead of passing
// them on (Python's bytes.decode("utf-8", errors="ignore")).
void append_json_escaped_lossy(std::string& out, std::string_view bytes);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view value);
  JsonWriter& string_lossy(std::string_view bytes);
  JsonWriter& number(std::int64_t value);
  JsonWriter& number_unsigned(std::uint64_t value);
  // Python repr formatting (1.0 stays "1.0", so Elasticsearch maps the field as a float).
  // NaN and infinities are not JSON: they are written as null.
  JsonWriter& number(double value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // A value that is already JSON text (e.g. a jsonb column), written as is.
  JsonWriter& raw(std::string_view json);

  std::string& out() { return out_; }

 private:
  void before_value();
  // A container's opening and closing bracket, with the nesting bookkeeping.
  void open(char bracket);
  void close(char bracket);

  std::string& out_;
  // Bit i set: the container at depth i already holds an element. 64 levels cover every
  // document we build; deeper JSON only ever arrives pre-serialised through raw().
  std::uint64_t has_elements_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace connectors::core
