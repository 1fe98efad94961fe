#include "connector/document_decorator.hpp"

#include <openssl/evp.h>

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

void DocumentDecorator::append(std::string& out, std::string_view body, std::string_view id) const {
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
  out += "\"}";
}

}  // namespace connectors::service
