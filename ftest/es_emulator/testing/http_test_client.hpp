#pragma once
// A small keep-alive HTTP/1.1 client for the integration tests, with a deadline on every
// request.

#include <chrono>
#include <map>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace connectors::emulator::testing {

struct HttpResult {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  bool keep_alive = true;
};

class HttpTestClient {
 public:
  HttpTestClient(std::string host, unsigned short port,
                 std::chrono::milliseconds timeout = std::chrono::seconds{10});

  // Throws std::runtime_error on connection problems or when the deadline passes.
  HttpResult request(const std::string& method, const std::string& target,
                     const std::string& body = "",
                     const std::string& content_type = "application/json");

 private:
  void connect();

  std::string host_;
  unsigned short port_;
  std::chrono::milliseconds timeout_;
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  bool connected_ = false;
};

}  // namespace connectors::emulator::testing
