#pragma once
// A scripted HttpTransport for unit tests: answers from a queue of canned steps (a response
// or a TransportError), then from a handler when the queue is empty, and records every
// request with the timeout it was sent with. Thread-safe.
//
//   FakeTransport transport;
//   transport.push_response(503, R"({"error":{"type":"unavailable"}})");
//   transport.push_response(200, R"({"acknowledged":true})");
//   ... code under test ...
//   EXPECT_EQ(transport.requests().size(), 2);

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/http_transport.hpp"

namespace connectors::protocol::testing {

class FakeTransport final : public HttpTransport {
 public:
  // May throw TransportError to simulate a network failure.
  using Handler = std::function<HttpResponse(const HttpRequest&)>;

  // What send() was given, copied: HttpRequest only refers to the caller's body.
  struct RecordedRequest {
    HttpMethod method = HttpMethod::kGet;
    std::string target;
    std::string body;
    std::string content_type;
    std::vector<HttpHeader> headers;
  };
  struct Received {
    RecordedRequest request;
    std::chrono::milliseconds timeout;
  };

  FakeTransport() = default;
  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

  // Steps are consumed in order, one per send().
  void push_response(unsigned status, std::string body = {}, std::vector<HttpHeader> headers = {});
  void push_response(HttpResponse response);
  void push_error(TransportError::Reason reason, std::string message = "scripted transport failure");
  // Answers every send() once the queue is empty. Without one, an unscripted send() throws
  // std::logic_error naming the request, so a test fails loudly instead of hanging.
  void set_handler(Handler handler);

  HttpResponse send(const HttpRequest& request, std::chrono::milliseconds timeout) override;

  std::vector<Received> requests() const;
  std::size_t request_count() const;
  std::optional<Received> last() const;
  std::size_t pending_steps() const;

 private:
  using Step = std::variant<HttpResponse, TransportError>;

  mutable std::mutex mutex_;
  std::deque<Step> steps_;
  Handler handler_;
  std::vector<Received> received_;
};

// Canned Elasticsearch error body: {"error":{"root_cause":[...],"type":...,"reason":...},"status":N}
std::string es_error_body(unsigned status, std::string_view type, std::string_view reason);

}  // namespace connectors::protocol::testing
