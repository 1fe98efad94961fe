#include "protocol/testing/fake_transport.hpp"

#include <stdexcept>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace connectors::protocol::testing {

void FakeTransport::push_response(unsigned status, std::string body, std::vector<HttpHeader> headers) {
  push_response(HttpResponse{status, std::move(body), std::move(headers)});
}

void FakeTransport::push_response(HttpResponse response) {
  std::lock_guard lock(mutex_);
  steps_.emplace_back(std::move(response));
}

void FakeTransport::push_error(TransportError::Reason reason, std::string message) {
  std::lock_guard lock(mutex_);
  steps_.emplace_back(TransportError(reason, std::move(message)));
}

void FakeTransport::set_handler(Handler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

HttpResponse FakeTransport::send(const HttpRequest& request, std::chrono::milliseconds timeout) {
  Handler handler;
  {
    std::lock_guard lock(mutex_);
    received_.push_back({RecordedRequest{request.method, request.target, std::string(request.body),
                                         request.content_type, request.headers},
                         timeout});
    if (!steps_.empty()) {
      Step step = std::move(steps_.front());
      steps_.pop_front();
      if (auto* error = std::get_if<TransportError>(&step)) throw *error;
      return std::get<HttpResponse>(std::move(step));
    }
    handler = handler_;
  }
  if (!handler) {
    throw std::logic_error("FakeTransport: no scripted response for " +
                           std::string(to_string(request.method)) + " " + request.target);
  }
  return handler(request);  // outside the lock: a handler may block or call back
}

std::vector<FakeTransport::Received> FakeTransport::requests() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::size_t FakeTransport::request_count() const {
  std::lock_guard lock(mutex_);
  return received_.size();
}

std::optional<FakeTransport::Received> FakeTransport::last() const {
  std::lock_guard lock(mutex_);
  if (received_.empty()) return std::nullopt;
  return received_.back();
}

std::size_t FakeTransport::pending_steps() const {
  std::lock_guard lock(mutex_);
  return steps_.size();
}

std::string es_error_body(unsigned status, std::string_view type, std::string_view reason) {
  boost::json::object cause{{"type", type}, {"reason", reason}};
  boost::json::object error{{"root_cause", boost::json::array{cause}}, {"type", type}, {"reason", reason}};
  return boost::json::serialize(boost::json::object{{"error", error}, {"status", status}});
}

}  // namespace connectors::protocol::testing
