#include "ftest/es_emulator/http_server.hpp"

#include <array>
#include <chrono>
#include <stdexcept>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/optional.hpp>

#include <sstream>

#include "core/error.hpp"
#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kReadChunk = 64 * 1024;  // beast's largest read per call

http::response<http::string_body> to_beast(const Response& response, unsigned version,
                                           bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(response.status), version};
  res.set(http::field::content_type, response.content_type);
  res.set("X-elastic-product", "Elasticsearch");
  for (const auto& [name, value] : response.headers) res.insert(name, value);
  res.keep_alive(keep_alive);
  res.body() = response.body;
  res.prepare_payload();
  return res;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const Router& router, const ServerOptions& options)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), router_(router), options_(options) {}

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
    if (ec == http::error::body_limit) return refuse_declared_body();
    if (ec) return close();
    const auto& header = parser_->get();
    if (const auto length = parser_->content_length();
        length && *length > options_.max_content_length) {
      return refuse_declared_body();
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

  // A body over http.max_content_length, answered as Elasticsearch's Netty pipeline answers
  // it, before any handler: an empty 417 to "Expect: 100-continue", an empty 413 otherwise.
  // The connection stays open and the body (should it come) is read and dropped, unless the
  // request was not keep-alive: then 413 with Connection: close.
  void refuse_declared_body() {
    const auto& header = parser_->get();
    const std::uint64_t length = parser_->content_length().value_or(0);
    const bool expect = beast::iequals(header[http::field::expect], "100-continue");
    const bool keep_alive = header.keep_alive();
    if (!expect && !keep_alive) return refuse_and_close(header.version());
    send_bare(expect ? http::status::expectation_failed : http::status::payload_too_large,
              header.version(), true, [self = shared_from_this(), length] { self->discard(length); });
  }

  // A chunked body found too long while reading, or a request that is not kept alive.
  void refuse_and_close(unsigned version) {
    send_bare(http::status::payload_too_large, version, false, [self = shared_from_this()] { self->drain(); });
  }

  // An answer with no body and none of Elasticsearch's headers.
  template <class Next>
  void send_bare(http::status status, unsigned version, bool keep_alive, Next next) {
    auto res = std::make_shared<http::response<http::empty_body>>(status, version);
    res->keep_alive(keep_alive);
    res->content_length(0);
    stream_.expires_after(options_.idle_timeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res, next](beast::error_code e, std::size_t) {
      if (e) return self->close();
      next();
    });
  }

  // Reads and drops `remaining` body bytes, then the next request.
  void discard(std::uint64_t remaining) {
    const std::uint64_t buffered = std::min<std::uint64_t>(remaining, buffer_.size());
    buffer_.consume(static_cast<std::size_t>(buffered));
    remaining -= buffered;
    if (remaining == 0) return read_header();
    stream_.expires_after(options_.idle_timeout);
    const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, drain_buffer_.size()));
    stream_.async_read_some(net::buffer(drain_buffer_.data(), chunk),
                            [self = shared_from_this(), remaining](beast::error_code e, std::size_t n) {
                              if (e) return self->close();
                              self->discard(remaining - n);
                            });
  }

  void read_body() {
    // Beast reads at most the buffer's free capacity per call: without room, a _bulk body
    // would arrive in ~1 KiB reads, each with its own timer and handler.
    if (buffer_.capacity() < kReadChunk) buffer_.reserve(kReadChunk);
    stream_.expires_after(options_.idle_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
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
    if (ec == http::error::body_limit) return refuse_and_close(parser_->get().version());
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
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    if (response.delay.count() > 0) {
      // An injected latency: the request is handled, its answer held back.
      auto held = std::make_shared<Response>(std::move(response));
      timer_.expires_after(held->delay);
      timer_.async_wait([self = shared_from_this(), held, version, keep_alive](beast::error_code timer_ec) {
        if (timer_ec) return self->close();
        self->deliver(std::move(*held), version, keep_alive);
      });
      return;
    }
    deliver(std::move(response), version, keep_alive);
  }

  // Injected connection faults, else an ordinary answer.
  void deliver(Response response, unsigned version, bool keep_alive) {
    switch (response.delivery) {
      case Response::Delivery::Normal: return send(std::move(response), version, keep_alive);
      case Response::Delivery::CloseBeforeResponse: return close();
      case Response::Delivery::CloseMidResponse: return send_half(std::move(response), version);
      case Response::Delivery::StopAnswering: {
        // Hang without answering, then drop the connection.
        stream_.expires_never();
        timer_.expires_after(response.hang.value_or(options_.idle_timeout));
        timer_.async_wait([self = shared_from_this()](beast::error_code) { self->close(); });
        return;
      }
    }
  }

  // The status line, the headers and half of the body, then the connection closes.
  void send_half(Response response, unsigned version) {
    std::ostringstream text;
    text << to_beast(response, version, true);
    auto bytes = std::make_shared<std::string>(text.str());
    bytes->resize(bytes->size() - response.body.size() / 2 - (response.body.empty() ? 0 : 1));
    stream_.expires_after(options_.idle_timeout);
    net::async_write(stream_, net::buffer(*bytes),
                     [self = shared_from_this(), bytes](beast::error_code, std::size_t) { self->close(); });
  }

  void send(Response response, unsigned version, bool keep_alive) {
    auto res = std::make_shared<http::response<http::string_body>>(
        to_beast(response, version, keep_alive));
    stream_.expires_after(options_.idle_timeout);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                        if (ec) return self->close();
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
  net::steady_timer timer_;
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
