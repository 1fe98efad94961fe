#pragma once
// The thin I/O shell: Boost.Beast HTTP/1.1 (keep-alive, per-connection idle deadline,
// http.max_content_length) in front of the pure Router. Shaped after Beast's
// advanced_server example:
//
//   listener --accept--> session --read header--> [100-continue] --read body-->
//            Router::handle --write--> (keep-alive: read again | close)
//
// A body over the limit is refused before it is read, as Elasticsearch's Netty pipeline
// does: an empty 413 (417 to "Expect: 100-continue"), the body dropped and the connection
// kept when the request is keep-alive, closed otherwise. Every other response carries
// X-elastic-product: Elasticsearch. Injected connection faults (latency, closing, hanging)
// are carried out here, as the router's Response asks.

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/server_options.hpp"

namespace connectors::emulator {

class HttpServer {
 public:
  HttpServer(const Router& router, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the worker threads. Throws core::Error (kind ListenError,
  // naming the address) when the socket cannot be bound.
  void start();
  // Stops accepting, closes the connections and joins the workers. Idempotent.
  void stop();

  unsigned short port() const { return port_; }
  const std::string& host() const { return options_.host; }

 private:
  void accept();

  const Router& router_;
  ServerOptions options_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::vector<std::thread> threads_;
  unsigned short port_ = 0;
  bool running_ = false;
};

}  // namespace connectors::emulator
