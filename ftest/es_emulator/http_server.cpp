#include "ftest/es_emulator/http_server.hpp"

#include <array>
#include <chrono>
#include <stdexcept>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/optional.hpp>

#include "core/error.hpp"
#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

http::response<http::string_body> to_beast(const Response& response, unsigned version,
                                           bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(response.status), version};
  res.set(http::field::content_type, response.content_type);
  res.set("X-elastic-product", "Elasticsearch");
  for (const auto& [name, value] : response.headers) res.set(name, value);
  res.keep_alive(keep_alive);
  res.body() = response.body;
  res.prepare_payload();
  return res;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const Router& router, const ServerOptions& options)
      : stream_(std::move(socket)), router_(router), options_(options) {}

  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::read_header, shared_from_this()));
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->body_limit(options_.max_content_length);
    stream_.expires_after(options_.idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    // Beast refuses a declared Content-Length over the limit while reading the header.
    if (ec == http::error::body_limit)
      return reject_too_large(parser_->content_length().value_or(0));
    if (ec) return close();
    const auto& header = parser_->get();
    if (const auto length = parser_->content_length();
        length && *length > options_.max_content_length) {
      return reject_too_large(*length);
    }
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     header.version());
      http::async_write(stream_, *cont,
                        [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
                          if (e) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(options_.idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  // `length` is 0 for a chunked body, whose size is not known up front.
  void reject_too_large(std::uint64_t length) {
    const std::string size =
        length > 0 ? "[" + std::to_string(length) + "] bytes" : "larger than the limit";
    EsError error(413, "content_too_long_exception",
                  "request body is too large: " + size + ", the limit is [" +
                      std::to_string(options_.max_content_length) +
                      "] bytes (http.max_content_length)");
    send(Response::json(413, error.body()), parser_->get().version(), false);
  }

  // After refusing a body, read and discard what the client still sends (for a bounded
  // time) so that it sees our response instead of a connection reset.
  void drain() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    drain_deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    drain_more();
  }

  void drain_more() {
    if (std::chrono::steady_clock::now() >= drain_deadline_) return close();
    stream_.expires_after(std::chrono::seconds{2});
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain_more();
                            });
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit)
      return reject_too_large(parser_->content_length().value_or(0));
    if (ec) return close();
    auto req = parser_->release();
    Request request;
    request.method =
        parse_method(std::string_view(req.method_string().data(), req.method_string().size()));
    request.method_text = std::string(req.method_string());
    request.target = std::string(req.target());
    const auto question = request.target.find('?');
    request.path = request.target.substr(0, question);
    Response response;
    try {
      if (question != std::string::npos) {
        request.params = Params::parse_query(std::string_view(request.target).substr(question + 1));
      }
      request.body = std::move(req.body());
      request.content_type = std::string(req[http::field::content_type]);
      request.accept = std::string(req[http::field::accept]);
      request.authorization = std::string(req[http::field::authorization]);
      response = router_.handle(request);
    } catch (const EsError& e) {
      response = Response::json(e.status(), e.body());
    }
    send(std::move(response), req.version(), req.keep_alive());
  }

  void send(Response response, unsigned version, bool keep_alive) {
    auto res = std::make_shared<http::response<http::string_body>>(
        to_beast(response, version, keep_alive));
    stream_.expires_after(options_.idle_timeout);
    const bool refused = response.status == 413;
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, refused](beast::error_code ec, std::size_t) {
                        if (ec) return self->close();
                        if (refused) return self->drain();
                        if (res->need_eof()) return self->close();
                        self->read_header();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  boost::optional<http::request_parser<http::string_body>> parser_;
  std::array<char, 65536> drain_buffer_{};
  std::chrono::steady_clock::time_point drain_deadline_{};
  const Router& router_;
  const ServerOptions& options_;
};

}  // namespace

HttpServer::HttpServer(const Router& router, ServerOptions options)
    : router_(router),
      options_(std::move(options)),
      ioc_(options_.threads),
      acceptor_(net::make_strand(ioc_)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  beast::error_code ec;
  const auto address = net::ip::make_address(options_.host, ec);
  if (ec) throw core::Error("ListenError", "'" + options_.host + "' is not an IP address");
  const tcp::endpoint endpoint{address, options_.port};
  auto fail = [&](const char* what) {
    throw core::Error("ListenError", std::string("cannot ") + what + " " + options_.host + ":" +
                                         std::to_string(options_.port) + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) fail("open a socket for");
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  acceptor_.bind(endpoint, ec);
  if (ec) fail("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) fail("listen on");
  port_ = acceptor_.local_endpoint().port();
  running_ = true;
  accept();
  threads_.reserve(static_cast<std::size_t>(options_.threads));
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

void HttpServer::accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) std::make_shared<Session>(std::move(socket), router_, options_)->run();
    accept();
  });
}

void HttpServer::stop() {
  if (!running_) return;
  running_ = false;
  ioc_.stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  // No worker runs any more, so the acceptor can be closed from here.
  beast::error_code ignored;
  acceptor_.close(ignored);
}

}  // namespace connectors::emulator
