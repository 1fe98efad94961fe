#pragma once
// The real HttpTransport: HTTP/1.1 over TCP or TLS with Boost.Beast, a bounded pool of
// keep-alive connections, and a deadline on every network step.
//
//   send(request, timeout)            deadline = now + timeout, for everything below
//     acquire   idle connection (LIFO) | new slot | wait for one (until the deadline)
//     connect   resolve, TCP connect (connect_timeout), TLS handshake (SNI, verification)
//     exchange  write request, read response (body bound: kMaxResponseBodyBytes)
//     release   back to the pool when the server keeps it alive, else closed
//
// A pooled connection the server has closed while idle (keep-alive expiry) is dropped before
// use when the close is already visible, and otherwise the request is sent once more on a
// fresh connection, provided the old one failed before any byte of a response arrived.
//
// Thread safety: send() may be called from any number of threads at once. Each connection
// belongs to one caller at a time and has its own io_context, run on the caller's thread, so
// no thread is ever shared and nothing blocks without a deadline.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "protocol/http_transport.hpp"

namespace connectors::protocol {

// Large enough for a scroll page of 1000 documents with big text fields; anything bigger is
// treated as a protocol error rather than eating the process's memory.
inline constexpr std::size_t kMaxResponseBodyBytes = std::size_t{512} * 1024 * 1024;
inline constexpr std::size_t kMaxResponseHeaderBytes = std::size_t{64} * 1024;

struct BeastTransportSettings {
  // "http://host:port" or "https://host:port", optionally with a path prefix
  // ("https://proxy.example.com/es") that is put before every request target.
  std::string url = "http://localhost:9200";
  // TLS (https only). verify_certs=false disables all peer verification.
  bool verify_certs = true;
  std::optional<std::string> ca_certs;  // PEM file, trusted in addition to the system CAs
  std::chrono::milliseconds connect_timeout{std::chrono::seconds{10}};  // resolve+TCP+TLS
  std::size_t max_connections = 16;
  // Pooled connections unused for longer than this are closed instead of reused: servers
  // close idle keep-alive connections on their own schedule and a fresh one is cheaper than
  // a failed write.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds{50}};
};

// The base URL cut into the parts the transport needs. Exposed for tests.
struct BaseUrl {
  bool tls = false;
  std::string host;         // name or address, IPv6 without brackets
  bool host_is_ip = false;  // no SNI for addresses (RFC 6066)
  unsigned short port = 0;
  std::string host_header;  // "host[:port]" as sent in Host
  std::string path_prefix;  // "" or "/es" (no trailing slash)
};

// Throws core::Error("ConfigurationError", ...) for anything but an http(s) URL with a host.
// Credentials in the URL are refused (they would end up in logs), without echoing them.
BaseUrl parse_base_url(std::string_view url);

class BeastTransport final : public HttpTransport {
 public:
  // Throws core::Error("ConfigurationError", ...) for a bad URL or an unreadable ca_certs.
  explicit BeastTransport(BeastTransportSettings settings);
  ~BeastTransport() override;

  BeastTransport(const BeastTransport&) = delete;
  BeastTransport& operator=(const BeastTransport&) = delete;

  HttpResponse send(const HttpRequest& request, std::chrono::milliseconds timeout) override;

  // Observability for tests and debug logs.
  std::size_t connections_opened() const;
  std::size_t idle_connections() const;

 private:
  class Connection;
  class TlsContext;
  using Deadline = std::chrono::steady_clock::time_point;

  // Returns an idle connection, or nullptr meaning "a slot is yours, open a new one".
  // allow_idle=false: always a new connection (the retry after a stale one).
  std::unique_ptr<Connection> acquire(Deadline deadline, bool allow_idle,
                                      std::chrono::milliseconds timeout);
  void release(std::unique_ptr<Connection> connection, bool reusable);
  std::unique_ptr<Connection> open(Deadline deadline, std::chrono::milliseconds timeout);
  std::string where() const;  // "host:port" for messages

  BeastTransportSettings settings_;
  BaseUrl base_;
  std::unique_ptr<TlsContext> tls_;

  mutable std::mutex mutex_;
  std::condition_variable slot_freed_;
  std::vector<std::unique_ptr<Connection>> idle_;  // most recently used last
  std::size_t busy_ = 0;                           // checked out, including ones being opened
  std::size_t opened_ = 0;
};

}  // namespace connectors::protocol
