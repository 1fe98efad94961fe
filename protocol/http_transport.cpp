#include "protocol/http_transport.hpp"

#include <strings.h>

namespace connectors::protocol {

std::string_view to_string(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet: return "GET";
    case HttpMethod::kHead: return "HEAD";
    case HttpMethod::kPost: return "POST";
    case HttpMethod::kPut: return "PUT";
    case HttpMethod::kDelete: return "DELETE";
  }
  return "GET";
}

const std::string* HttpResponse::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name.size() == name.size() && ::strncasecmp(h.name.data(), name.data(), name.size()) == 0) {
      return &h.value;
    }
  }
  return nullptr;
}

TransportError::TransportError(Reason reason, std::string message)
    : core::Error("ConnectionError", std::move(message)), reason_(reason) {}

}  // namespace connectors::protocol
