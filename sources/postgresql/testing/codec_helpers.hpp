#pragma once
// Test helpers: a value's JSON and Python str() through the codec dispatch.

#include <string>
#include <string_view>

#include "core/json_writer.hpp"
#include "sources/postgresql/codecs/codec.hpp"

namespace connectors::sources::postgresql::testing {

inline std::string json_of(codecs::ValueCodec codec, std::string_view bytes) {
  std::string out;
  core::JsonWriter writer(out);
  codecs::write_json(codec, bytes, writer);
  return out;
}

inline std::string json_of(codecs::Codec codec, std::string_view bytes) {
  return json_of(codecs::ValueCodec{codec}, bytes);
}

inline std::string str_of(codecs::Codec codec, std::string_view bytes) {
  std::string out;
  codecs::append_python_str(codecs::ValueCodec{codec}, bytes, out);
  return out;
}

}  // namespace connectors::sources::postgresql::testing
