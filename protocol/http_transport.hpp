#pragma once
// The seam between the Elasticsearch client and the network: one request in, one response
// out, within a deadline. BeastTransport is the real one; unit tests script their own.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace connectors::protocol {

enum class HttpMethod { kGet, kHead, kPost, kPut, kDelete };
std::string_view to_string(HttpMethod method);

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string target;        // origin form: path plus query, e.g. "/_bulk?pipeline=p"
  // The caller's bytes, not a copy: a _bulk body is megabytes. They must stay alive until
  // send() returns. Empty: no body.
  std::string_view body;
  std::string content_type;  // sent only when there is a body
  std::vector<HttpHeader> headers;
};

struct HttpResponse {
  unsigned status = 0;
  std::string body;
  std::vector<HttpHeader> headers;

  // Case-insensitive lookup; nullptr when absent.
  const std::string* header(std::string_view name) const;
};

// Failure below HTTP: no response was received. `retryable()` tells the client whether the
// request can be sent again (connection refused, reset, timeout) or not (TLS verification).
class TransportError : public core::Error {
 public:
  enum class Reason {
    kConnect,   // could not connect (refused, unreachable, DNS)
    kTimeout,   // the deadline passed before the response was complete
    kTls,       // handshake or certificate verification failed
    kClosed,    // the server closed or reset the connection mid-exchange
    kProtocol,  // the bytes received are not HTTP
  };

  TransportError(Reason reason, std::string message);
  Reason reason() const noexcept { return reason_; }
  bool retryable() const noexcept { return reason_ != Reason::kTls && reason_ != Reason::kProtocol; }

 private:
  Reason reason_;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;

  // Sends `request` and waits at most `timeout` for the whole response. Thread-safe:
  // concurrent calls use separate keep-alive connections. Throws TransportError.
  virtual HttpResponse send(const HttpRequest& request, std::chrono::milliseconds timeout) = 0;
};

}  // namespace connectors::protocol
