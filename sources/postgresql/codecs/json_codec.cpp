#include "sources/postgresql/codecs/json_codec.hpp"

#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql::codecs {

void append_json_compact(std::string& out, std::string_view text) {
  bool in_string = false;
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      out.append(text.data() + run, i - run);
      run = i + 1;
    }
  }
  out.append(text.data() + run, text.size() - run);
}

std::string_view jsonb_text(std::string_view bytes) {
  if (bytes.empty() || bytes[0] != 1) {
    throw malformed_data("malformed binary jsonb value: unknown version");
  }
  return bytes.substr(1);
}

}  // namespace connectors::sources::postgresql::codecs
