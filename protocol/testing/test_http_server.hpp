#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 for transport tests (plain or TLS), run by Beast on its
// own thread. A handler decides each reply, including misbehaviour: delay, stall, close the
// connection without answering, answer then close. Counts connections so tests can see
// keep-alive reuse and the pool bound.
//
//   TestHttpServer server([](const TestHttpServer::Request&) { return TestReply{200, "ok"}; });
//   BeastTransport transport({.url = server.url()});

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "protocol/http_transport.hpp"
#include "protocol/testing/self_signed_cert.hpp"

namespace connectors::protocol::testing {

struct TestReply {
  enum class Action {
    kRespond,          // answer, keep the connection open
    kRespondAndClose,  // answer with "Connection: close", then close
    kRespondThenDrop,  // answer as if keeping the connection alive, then close it silently
    kDrop,             // close the connection without answering
    kPartialThenDrop,  // send the head and part of the body, then close the connection
    kStall,            // never answer (until the server stops)
  };

  unsigned status = 200;
  std::string body;
  std::vector<HttpHeader> headers;
  std::chrono::milliseconds delay{0};  // before answering (does not block other connections)
  Action action = Action::kRespond;
};

class TestHttpServer {
 public:
  struct Request {
    std::string method;
    std::string target;
    std::vector<HttpHeader> headers;
    std::string body;
    std::size_t connection = 0;  // 1-based id of the TCP connection it came on
    std::size_t index = 0;       // 0 for the first request on that connection
    const std::string* header(std::string_view name) const;
  };
  // Called on the server's thread; must not block (use TestReply::delay).
  using Handler = std::function<TestReply(const Request&)>;

  explicit TestHttpServer(Handler handler, std::optional<TlsIdentity> tls = std::nullopt);
  ~TestHttpServer();

  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  unsigned short port() const;
  std::string url() const;  // "http://127.0.0.1:<port>" or "https://..."

  std::size_t connections_accepted() const;
  std::size_t max_open_connections() const;  // the most ever open at the same time
  std::size_t tls_handshake_failures() const;
  std::vector<Request> requests() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace connectors::protocol::testing
