#include "protocol/beast_transport.hpp"

#include <poll.h>

#include <algorithm>
#include <fstream>
#include <string_view>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace connectors::protocol {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;
using std::chrono::milliseconds;
using Reason = TransportError::Reason;

namespace {

core::Error configuration_error(std::string message) {
  return core::Error("ConfigurationError", std::move(message));
}

// The URL is echoed in messages only when it cannot hold credentials.
std::string quoted_url(std::string_view url) {
  if (url.find('@') != std::string_view::npos) return "(not shown: it contains '@')";
  return "'" + std::string(url) + "'";
}

http::verb to_verb(HttpMethod method) {
  switch (method) {
    case HttpMethod::kGet: return http::verb::get;
    case HttpMethod::kHead: return http::verb::head;
    case HttpMethod::kPost: return http::verb::post;
    case HttpMethod::kPut: return http::verb::put;
    case HttpMethod::kDelete: return http::verb::delete_;
  }
  return http::verb::get;
}

// Runs one asynchronous operation to completion on `ioc`, on this thread. The operation
// carries its own deadline (tcp_stream expiry or a timer), so run() cannot block forever.
template <class Start>
error_code run_one(net::io_context& ioc, Start&& start) {
  error_code result = net::error::operation_aborted;
  std::forward<Start>(start)([&result](error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

bool is_timeout(const error_code& ec) { return ec == beast::error::timeout; }

}  // namespace

BaseUrl parse_base_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) {
    throw configuration_error("Elasticsearch URL " + quoted_url(url) +
                              " is not a valid URL: " + parsed.error().message());
  }
  const boost::urls::url_view& u = *parsed;
  BaseUrl base;
  if (u.scheme_id() == boost::urls::scheme::https) {
    base.tls = true;
  } else if (u.scheme_id() != boost::urls::scheme::http) {
    throw configuration_error("Elasticsearch URL " + quoted_url(url) +
                              " must start with http:// or https://");
  }
  if (u.has_userinfo()) {
    throw configuration_error(
        "the Elasticsearch URL must not contain credentials; set username and password, or "
        "api_key, instead");
  }
  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
    case boost::urls::host_type::ipv6:
      base.host = u.host_address();
      base.host_is_ip = true;
      break;
    case boost::urls::host_type::name:
      base.host = u.host_name();
      break;
    default:
      break;
  }
  if (base.host.empty()) {
    throw configuration_error("Elasticsearch URL " + quoted_url(url) + " has no host name");
  }
  const unsigned short default_port = base.tls ? 443 : 80;
  if (u.has_port() && !u.port().empty()) {
    if (u.port_number() == 0) {
      throw configuration_error("Elasticsearch URL " + quoted_url(url) + " has an invalid port");
    }
    base.port = u.port_number();
  } else {
    base.port = default_port;
  }
  const bool bracketed = u.host_type() == boost::urls::host_type::ipv6;
  base.host_header = bracketed ? "[" + base.host + "]" : base.host;
  if (base.port != default_port) base.host_header += ":" + std::to_string(base.port);
  std::string prefix(u.encoded_path());
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  base.path_prefix = std::move(prefix);
  return base;
}

// One SSL_CTX for the whole pool: certificates are loaded once, and OpenSSL allows creating
// SSL objects from one context on several threads.
class BeastTransport::TlsContext {
 public:
  explicit TlsContext(const BeastTransportSettings& settings) : ctx_(ssl::context::tls_client) {
    ::SSL_CTX_set_min_proto_version(ctx_.native_handle(), TLS1_2_VERSION);
    if (!settings.verify_certs) {
      ctx_.set_verify_mode(ssl::verify_none);
      return;
    }
    ctx_.set_verify_mode(ssl::verify_peer);
    error_code ec;
    ctx_.set_default_verify_paths(ec);  // a host without system CAs can still use ca_certs
    if (settings.ca_certs) {
      if (!std::ifstream(*settings.ca_certs)) {
        throw configuration_error("cannot read the CA certificates file " + *settings.ca_certs);
      }
      ctx_.load_verify_file(*settings.ca_certs, ec);
      if (ec) {
        throw configuration_error("cannot load the CA certificates file " + *settings.ca_certs +
                                  " (PEM expected): " + ec.message());
      }
    }
  }

  ssl::context& get() { return ctx_; }

 private:
  ssl::context ctx_;
};

// One keep-alive connection with its own io_context. Used by one thread at a time.
class BeastTransport::Connection {
 public:
  using SslStream = beast::ssl_stream<beast::tcp_stream>;

  // Where an exchange failed and whether any byte of a response had arrived by then.
  struct Failure {
    enum class Step { kWrite, kRead } step;
    error_code ec;
    bool nothing_received;
  };

  Connection() = default;

  beast::tcp_stream& lowest() { return secure_ ? beast::get_lowest_layer(*secure_) : *plain_; }

  void open_plain() { plain_.emplace(ioc_); }
  SslStream& open_secure(ssl::context& ctx) { return secure_.emplace(ioc_, ctx); }
  SslStream& ssl_stream() { return *secure_; }
  net::io_context& ioc() { return ioc_; }

  // Sends `request` and reads the response into `response`; returns the failure, if any.
  template <class Request>
  std::optional<Failure> exchange(Request& request, bool head, Deadline deadline,
                                  HttpResponse& response, bool& keep_alive) {
    if (secure_) return exchange_on(*secure_, request, head, deadline, response, keep_alive);
    return exchange_on(*plain_, request, head, deadline, response, keep_alive);
  }

  // An idle connection must have nothing to read: readable means the server closed it (EOF,
  // TLS close_notify) or sent something unasked; either way it cannot carry a new request.
  bool looks_closed() {
    if (buffer_.size() > 0) return true;
    auto& socket = lowest().socket();
    if (!socket.is_open()) return true;
    pollfd fd{socket.native_handle(), POLLIN, 0};
    return ::poll(&fd, 1, 0) != 0;
  }

  // Closes TLS politely, within `deadline`. The server may close TCP without answering our
  // close_notify; that shows up as stream_truncated and is harmless here because HTTP frames
  // every response itself (Content-Length or chunked), so nothing can be lost by it. Beast's
  // SSL client examples tolerate it for the same reason (boostorg/beast#38).
  void shutdown(Deadline deadline) {
    if (secure_ && lowest().socket().is_open()) {
      lowest().expires_at(deadline);
      // Any outcome, stream_truncated included, ends in close(): the connection is going away.
      run_one(ioc_, [&](auto handler) { secure_->async_shutdown(handler); });
    }
    close();
  }

  void close() {
    error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().socket().close(ignored);
  }

  Deadline last_used{};

 private:
  template <class Stream, class Request>
  std::optional<Failure> exchange_on(Stream& stream, Request& request, bool head,
                                     Deadline deadline, HttpResponse& response, bool& keep_alive) {
    lowest().expires_at(deadline);
    error_code ec = run_one(ioc_, [&](auto handler) { http::async_write(stream, request, handler); });
    if (ec) return Failure{Failure::Step::kWrite, ec, true};

    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxResponseBodyBytes);
    parser.header_limit(kMaxResponseHeaderBytes);
    if (head) parser.skip(true);  // a HEAD response announces a length it never sends
    lowest().expires_at(deadline);
    ec = run_one(ioc_, [&](auto handler) { http::async_read(stream, buffer_, parser, handler); });
    if (ec) return Failure{Failure::Step::kRead, ec, !parser.got_some() && buffer_.size() == 0};

    auto message = parser.release();
    response.status = message.result_int();
    response.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
    for (const auto& field : message) {
      response.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    response.body = std::move(message.body());
    keep_alive = message.keep_alive() && buffer_.size() == 0;
    return std::nullopt;
  }

  // Declared first so that it outlives the streams bound to it.
  net::io_context ioc_;
  std::optional<beast::tcp_stream> plain_;
  std::optional<SslStream> secure_;
  beast::flat_buffer buffer_;
};

BeastTransport::BeastTransport(BeastTransportSettings settings)
    : settings_(std::move(settings)), base_(parse_base_url(settings_.url)) {
  settings_.max_connections = std::max<std::size_t>(settings_.max_connections, 1);
  if (base_.tls) tls_ = std::make_unique<TlsContext>(settings_);
}

BeastTransport::~BeastTransport() {
  std::vector<std::unique_ptr<Connection>> idle;
  {
    std::lock_guard lock(mutex_);
    idle.swap(idle_);
  }
  // One short budget for all of them: closing must not hold up the process's exit.
  const Deadline deadline = std::chrono::steady_clock::now() + std::chrono::seconds{2};
  for (auto& connection : idle) connection->shutdown(deadline);
}

std::size_t BeastTransport::connections_opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

std::size_t BeastTransport::idle_connections() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

std::string BeastTransport::where() const {
  const bool ipv6 = base_.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + base_.host + "]" : base_.host) + ":" + std::to_string(base_.port);
}

std::unique_ptr<BeastTransport::Connection> BeastTransport::acquire(Deadline deadline,
                                                                    bool allow_idle,
                                                                    milliseconds timeout) {
  std::vector<std::unique_ptr<Connection>> discarded;  // closed after the lock is released
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    while (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      if (allow_idle && now - connection->last_used < settings_.idle_timeout &&
          !connection->looks_closed()) {
        ++busy_;
        return connection;
      }
      discarded.push_back(std::move(connection));
      if (!allow_idle) break;  // its slot is free now
    }
    if (busy_ + idle_.size() < settings_.max_connections) {
      ++busy_;
      return nullptr;
    }
    const bool freed = slot_freed_.wait_until(lock, deadline, [&] {
      return !idle_.empty() || busy_ + idle_.size() < settings_.max_connections;
    });
    if (!freed) {
      throw TransportError(Reason::kTimeout,
                           "timed out after " + std::to_string(timeout.count()) +
                               " ms waiting for a free connection to " + where() + " (all " +
                               std::to_string(settings_.max_connections) + " in use)");
    }
  }
}

void BeastTransport::release(std::unique_ptr<Connection> connection, bool reusable) {
  if (!reusable && connection) {
    connection->close();
    connection.reset();
  }
  {
    std::lock_guard lock(mutex_);
    --busy_;
    if (connection) {
      connection->last_used = std::chrono::steady_clock::now();
      idle_.push_back(std::move(connection));
    }
  }
  slot_freed_.notify_one();
}

std::unique_ptr<BeastTransport::Connection> BeastTransport::open(Deadline deadline,
                                                                 milliseconds timeout) {
  const auto now = std::chrono::steady_clock::now();
  const bool connect_limited = now + settings_.connect_timeout < deadline;
  const Deadline connect_deadline = connect_limited ? now + settings_.connect_timeout : deadline;
  const auto budget = std::to_string((connect_limited ? settings_.connect_timeout : timeout).count());

  auto connection = std::make_unique<Connection>();
  net::io_context& ioc = connection->ioc();

  // Addresses need no lookup. For names, getaddrinfo is called directly: it cannot be
  // interrupted (an async_resolve would still wait for it, and costs a thread per
  // io_context), so its time is bounded by the system resolver's own timeout and attempts
  // (resolv.conf), and checked against our deadline when it returns.
  tcp::resolver::results_type endpoints;
  {
    tcp::resolver resolver(ioc);
    error_code ec;
    const auto flags = tcp::resolver::numeric_service |
                       (base_.host_is_ip ? tcp::resolver::numeric_host : tcp::resolver::flags{});
    endpoints = resolver.resolve(base_.host, std::to_string(base_.port), flags, ec);
    if (ec) {
      throw TransportError(Reason::kConnect,
                           "could not resolve " + base_.host + ": " + ec.message());
    }
    if (std::chrono::steady_clock::now() >= connect_deadline) {
      throw TransportError(Reason::kTimeout,
                           "resolving " + base_.host + " took longer than " + budget + " ms");
    }
  }

  if (tls_) {
    connection->open_secure(tls_->get());
  } else {
    connection->open_plain();
  }
  beast::tcp_stream& stream = connection->lowest();
  stream.expires_at(connect_deadline);
  error_code ec = run_one(ioc, [&](auto handler) { stream.async_connect(endpoints, handler); });
  if (ec) {
    if (is_timeout(ec)) {
      throw TransportError(Reason::kTimeout,
                           "connecting to " + where() + " timed out after " + budget + " ms");
    }
    throw TransportError(Reason::kConnect, "could not connect to " + where() + ": " + ec.message());
  }
  error_code ignored;
  stream.socket().set_option(tcp::no_delay(true), ignored);

  if (tls_) {
    auto& secure = connection->ssl_stream();
    SSL* ssl_handle = secure.native_handle();
    // SNI only for names (RFC 6066); OpenSSL's own check of the name or address against the
    // certificate, which reports a precise verification error.
    if (!base_.host_is_ip) ::SSL_set_tlsext_host_name(ssl_handle, base_.host.c_str());
    if (settings_.verify_certs) {
      if (base_.host_is_ip) {
        ::X509_VERIFY_PARAM_set1_ip_asc(::SSL_get0_param(ssl_handle), base_.host.c_str());
      } else {
        ::SSL_set1_host(ssl_handle, base_.host.c_str());
      }
    }
    stream.expires_at(connect_deadline);
    ec = run_one(ioc, [&](auto handler) { secure.async_handshake(ssl::stream_base::client, handler); });
    if (ec) {
      if (is_timeout(ec)) {
        throw TransportError(Reason::kTimeout,
                             "TLS handshake with " + where() + " timed out after " + budget + " ms");
      }
      std::string detail = ec.message();
      const long verify = ::SSL_get_verify_result(ssl_handle);
      if (settings_.verify_certs && verify != X509_V_OK) {
        detail += std::string(" (") + ::X509_verify_cert_error_string(verify) + ")";
      }
      throw TransportError(Reason::kTls, "TLS handshake with " + where() + " failed: " + detail);
    }
  }
  {
    std::lock_guard lock(mutex_);
    ++opened_;
  }
  return connection;
}

HttpResponse BeastTransport::send(const HttpRequest& request, milliseconds timeout) {
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  const bool head = request.method == HttpMethod::kHead;

  // span_body: the body is sent from the caller's string, never copied (bulk bodies are MBs).
  http::request<http::span_body<const char>> message{to_verb(request.method),
                                                     base_.path_prefix + request.target, 11};
  message.set(http::field::host, base_.host_header);
  for (const auto& header : request.headers) message.set(header.name, header.value);
  if (!request.body.empty()) {
    message.set(http::field::content_type, request.content_type);
    message.body() = {request.body.data(), request.body.size()};
  }
  message.keep_alive(true);
  message.prepare_payload();

  bool allow_idle = true;
  for (;;) {
    std::unique_ptr<Connection> connection = acquire(deadline, allow_idle, timeout);
    const bool reused = connection != nullptr;
    if (!connection) {
      try {
        connection = open(deadline, timeout);
      } catch (...) {
        release(nullptr, false);
        throw;
      }
    }

    HttpResponse response;
    bool keep_alive = false;
    const auto failure = connection->exchange(message, head, deadline, response, keep_alive);
    if (!failure) {
      release(std::move(connection), keep_alive);
      return response;
    }
    release(std::move(connection), false);

    const error_code& ec = failure->ec;
    // A kept-alive connection the server closed while it sat in the pool fails like this;
    // the request never reached the application, so sending it again once is safe.
    if (reused && allow_idle && failure->nothing_received && !is_timeout(ec)) {
      allow_idle = false;
      continue;
    }
    if (is_timeout(ec)) {
      throw TransportError(Reason::kTimeout, "no complete response from " + where() + " within " +
                                                 std::to_string(timeout.count()) + " ms");
    }
    if (failure->step == Connection::Failure::Step::kWrite) {
      throw TransportError(Reason::kClosed,
                           "sending the request to " + where() + " failed: " + ec.message());
    }
    const bool closed = ec == http::error::end_of_stream || ec == http::error::partial_message ||
                        ec == net::error::eof || ec == net::error::connection_reset ||
                        ec == ssl::error::stream_truncated;
    Reason reason = Reason::kClosed;
    if (!closed && ec.category() == make_error_code(http::error::end_of_stream).category()) reason = Reason::kProtocol;
    if (!closed && ec.category() == net::error::get_ssl_category()) reason = Reason::kTls;
    throw TransportError(reason, "reading the response from " + where() + " failed: " + ec.message());
  }
}

}  // namespace connectors::protocol
