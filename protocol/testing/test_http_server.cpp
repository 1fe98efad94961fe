#include "protocol/testing/test_http_server.hpp"

#include <strings.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace connectors::protocol::testing {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;

const std::string* TestHttpServer::Request::header(std::string_view name) const {
  for (const auto& h : headers) {
    if (h.name.size() == name.size() && ::strncasecmp(h.name.data(), name.data(), name.size()) == 0) {
      return &h.value;
    }
  }
  return nullptr;
}

struct TestHttpServer::Impl {
  // Declared before the io_context: coroutine frames destroyed with it still touch these.
  Handler handler;
  std::optional<ssl::context> tls;
  std::atomic<std::size_t> accepted{0};
  std::atomic<std::size_t> open{0};
  std::atomic<std::size_t> max_open{0};
  std::atomic<std::size_t> tls_failures{0};
  mutable std::mutex mutex;
  std::vector<Request> requests;
  unsigned short port = 0;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::thread thread;

  net::awaitable<void> listen() {
    for (;;) {
      error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
      if (ec) co_return;
      const std::size_t id = ++accepted;
      const std::size_t now_open = ++open;
      std::size_t seen = max_open.load();
      while (now_open > seen && !max_open.compare_exchange_weak(seen, now_open)) {
      }
      net::co_spawn(ioc, session(std::move(socket), id), net::detached);
    }
  }

  net::awaitable<void> session(tcp::socket socket, std::size_t id) {
    struct Closed {
      std::atomic<std::size_t>& open;
      ~Closed() { --open; }
    } closed{open};
    if (tls) {
      beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls);
      error_code ec;
      co_await stream.async_handshake(ssl::stream_base::server,
                                      net::redirect_error(net::use_awaitable, ec));
      if (ec) {
        ++tls_failures;
        co_return;
      }
      co_await serve(stream, id);
    } else {
      beast::tcp_stream stream(std::move(socket));
      co_await serve(stream, id);
    }
  }

  template <class Stream>
  net::awaitable<void> serve(Stream& stream, std::size_t id) {
    beast::flat_buffer buffer;
    for (std::size_t index = 0;; ++index) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(std::size_t{1} << 30);
      error_code ec;
      co_await http::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
      if (ec) co_return;
      auto req = parser.release();
      Request request;
      request.method = std::string(req.method_string());
      request.target = std::string(req.target());
      for (const auto& field : req) {
        request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
      }
      request.body = req.body();
      request.connection = id;
      request.index = index;
      {
        std::lock_guard lock(mutex);
        requests.push_back(request);
      }
      TestReply reply = handler(request);
      using Action = TestReply::Action;
      if (reply.action == Action::kStall) reply.delay = std::chrono::hours{1};
      if (reply.delay.count() > 0) {
        net::steady_timer timer(co_await net::this_coro::executor);
        timer.expires_after(reply.delay);
        co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
      }
      if (reply.action == Action::kDrop || reply.action == Action::kStall) co_return;
      if (reply.action == Action::kPartialThenDrop) {
        const std::string partial = "HTTP/1.1 " + std::to_string(reply.status) +
                                    " OK\r\nContent-Length: " + std::to_string(reply.body.size() + 100) +
                                    "\r\n\r\n" + reply.body;
        co_await net::async_write(stream, net::buffer(partial),
                                  net::redirect_error(net::use_awaitable, ec));
        co_return;
      }

      const bool keep_alive = reply.action != Action::kRespondAndClose && req.keep_alive();
      if (req.method() == http::verb::head) {
        http::response<http::empty_body> res{static_cast<http::status>(reply.status), 11};
        for (const auto& h : reply.headers) res.set(h.name, h.value);
        res.content_length(reply.body.size());
        res.keep_alive(keep_alive);
        co_await http::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
      } else {
        http::response<http::string_body> res{static_cast<http::status>(reply.status), 11};
        for (const auto& h : reply.headers) res.set(h.name, h.value);
        res.body() = std::move(reply.body);
        res.keep_alive(keep_alive);
        res.prepare_payload();
        co_await http::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
      }
      if (ec || !keep_alive || reply.action == Action::kRespondThenDrop) co_return;
    }
  }
};

TestHttpServer::TestHttpServer(Handler handler, std::optional<TlsIdentity> tls)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  if (tls) {
    auto& ctx = impl_->tls.emplace(ssl::context::tls_server);
    ctx.use_certificate_chain(net::buffer(tls->certificate_pem));
    ctx.use_private_key(net::buffer(tls->private_key_pem), ssl::context::pem);
  }
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->port = impl_->acceptor.local_endpoint().port();
  net::co_spawn(impl_->ioc, impl_->listen(), net::detached);
  impl_->thread = std::thread([impl = impl_.get()] { impl->ioc.run(); });
}

TestHttpServer::~TestHttpServer() {
  impl_->ioc.stop();
  impl_->thread.join();
}

unsigned short TestHttpServer::port() const { return impl_->port; }

std::string TestHttpServer::url() const {
  return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
}

std::size_t TestHttpServer::connections_accepted() const { return impl_->accepted.load(); }
std::size_t TestHttpServer::max_open_connections() const { return impl_->max_open.load(); }
std::size_t TestHttpServer::tls_handshake_failures() const { return impl_->tls_failures.load(); }

std::vector<TestHttpServer::Request> TestHttpServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

}  // namespace connectors::protocol::testing
