// es-emulator: an Elasticsearch-compatible server for the connector service's tests and
// demo. Prints "listening on http://HOST:PORT" as its first stdout line once the socket
// listens; SIGINT or SIGTERM stop it with exit status 0.

#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>
#include <optional>
#include <pthread.h>

#include "core/clock.hpp"
#include "ftest/es_emulator/cluster.hpp"
#include "ftest/es_emulator/http_server.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/server_options.hpp"

int main(int argc, char** argv) {
  using namespace connectors;
  emulator::ServerOptions options;
  try {
    options = emulator::parse_server_options(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "es-emulator: " << e.what() << "\n" << emulator::server_usage();
    return 2;
  }
  if (options.help) {
    std::cout << emulator::server_usage();
    return 0;
  }

  // Block the stop signals in every thread; the main thread waits for them with sigwait.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    core::SystemClock clock;
    emulator::ClusterConfig config;
    config.es_version = options.es_version;
    config.license_type = options.license_type;
    emulator::Cluster cluster(clock, config);
    std::optional<emulator::Security> security;
    if (options.security) security.emplace(emulator::Security::test_cluster());
    emulator::Router router(cluster, security ? &*security : nullptr);
    emulator::HttpServer server(router, options);
    server.start();
    std::cout << "listening on http://" << options.host << ":" << server.port() << std::endl;

    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  } catch (const std::exception& e) {
    std::cerr << "es-emulator: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
