#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "ftest/es_emulator/testing/http_test_client.hpp"

namespace connectors::emulator::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

HttpTestClient::HttpTestClient(std::string host, unsigned short port,
                               std::chrono::milliseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout), stream_(ioc_) {}

void HttpTestClient::connect() {
  beast::error_code result = net::error::would_block;
  stream_.expires_after(timeout_);
  stream_.async_connect(net::ip::tcp::endpoint(net::ip::make_address(host_), port_),
                        [&](beast::error_code ec) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result)
    throw std::runtime_error("cannot connect to " + host_ + ":" + std::to_string(port_) + ": " +
                             result.message());
  connected_ = true;
}

HttpResult HttpTestClient::request(const std::string& method, const std::string& target,
                                   const std::string& body, const std::string& content_type) {
  if (!connected_) connect();
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, host_);
  req.keep_alive(true);
  if (!body.empty()) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  req.prepare_payload();

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1ULL << 30);
  if (method == "HEAD") parser.skip(true);
  beast::error_code result = net::error::would_block;
  stream_.expires_after(timeout_);
  http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) {
    if (ec) {
      result = ec;
      return;
    }
    http::async_read(stream_, buffer, parser,
                     [&](beast::error_code e, std::size_t) { result = e; });
  });
  ioc_.restart();
  ioc_.run();
  if (result) {
    connected_ = false;
    beast::error_code ignored;
    stream_.socket().close(ignored);
    throw std::runtime_error(method + " " + target + " failed: " + result.message());
  }
  auto res = parser.release();
  HttpResult out;
  out.status = res.result_int();
  out.body = std::move(res.body());
  out.keep_alive = res.keep_alive();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(field.value());
  }
  if (!out.keep_alive) {
    connected_ = false;
    beast::error_code ignored;
    stream_.socket().close(ignored);
  }
  return out;
}

}  // namespace connectors::emulator::testing
