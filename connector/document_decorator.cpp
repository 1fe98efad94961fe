#include "connector/document_decorator.hpp"

#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

#include "core/json_writer.hpp"

namespace connectors::service {

std::string effective_id(std::string id) {
  if (id.size() <= kMaxIdBytes) return id;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(id.data(), id.size(), digest, &length, EVP_md5(), nullptr) != 1) {
    throw std::runtime_error("MD5 digest failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

DocumentDecorator::DocumentDecorator(const protocol::PipelineSettings& pipeline) {
  auto flag = [](bool on) { return on ? "true" : "false"; };
  suffix_ = std::string("\"_extract_binary_content\":") + flag(pipeline.extract_binary_content) +
            ",\"_reduce_whitespace\":" + flag(pipeline.reduce_whitespace) +
            ",\"_run_ml_inference\":" + flag(pipeline.run_ml_inference) + ",\"id\":\"";
}

DocumentDecorator DocumentDecorator::for_access_control() {
  DocumentDecorator decorator;
  decorator.suffix_ = "\"id\":\"";
  return decorator;
}

bool has_top_level_key(std::string_view body, std::string_view key) {
  // One pass; string contents (most of a document's bytes) are skipped with memchr.
  const char* p = body.data();
  const char* const end = p + body.size();
  int depth = 0;
  bool expect_key = false;
  while (p < end) {
    const char c = *p;
    if (c == '"') {
      const char* const text = p + 1;
      const char* close = text;
      while (true) {
        close = static_cast<const char*>(std::memchr(close, '"', static_cast<std::size_t>(end - close)));
        if (close == nullptr) return false;
        const char* escapes = close;
        while (escapes > text && escapes[-1] == '\\') --escapes;
        if (((close - escapes) & 1) == 0) break;  // not escaped: the string ends here
        ++close;
      }
      if (depth == 1 && expect_key && std::string_view(text, static_cast<std::size_t>(close - text)) == key) {
        return true;
      }
      expect_key = false;
      p = close + 1;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
      expect_key = depth == 1 && c == '{';
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expect_key = true;
    }
    ++p;
  }
  return false;
}

void DocumentDecorator::append(std::string& out, std::string_view body, std::string_view id,
                               std::string_view timestamp) const {
  // Sources hand over one JSON object; anything else is a bug in the source.
  std::size_t end = body.find_last_not_of(" \t\r\n");
  if (body.empty() || body.front() != '{' || end == std::string_view::npos || body[end] != '}') {
    throw std::invalid_argument("a source document is not a JSON object");
  }
  const std::string_view inner = body.substr(0, end);  // without the closing brace
  out += inner;
  if (inner.find_first_not_of(" \t\r\n", 1) != std::string_view::npos) out += ',';
  out += suffix_;
  core::append_json_escaped(out, id);
  out += '"';
  if (!timestamp.empty()) {
    out += ",\"_timestamp\":\"";
    core::append_json_escaped(out, timestamp);
    out += '"';
  }
  out += '}';
}

}  // namespace connectors::service
