#include "ftest/harness/postgres_test_environment.hpp"

#include <stdexcept>

namespace connectors::ftest {
namespace {
// GoogleTest environments are process-wide by nature; this is the one registered.
PostgresTestEnvironment* g_environment = nullptr;
}  // namespace

PostgresTestEnvironment::PostgresTestEnvironment(PostgresOptions options)
    : options_(std::move(options)) {
  g_environment = this;
}

PostgresTestEnvironment::~PostgresTestEnvironment() {
  if (g_environment == this) g_environment = nullptr;
}

void PostgresTestEnvironment::SetUp() {
  try {
    server_.emplace(PostgresServer::start(options_));
  } catch (const std::exception& e) {
    // A fatal failure here makes GoogleTest skip every test of the binary, each reporting it.
    FAIL() << e.what();
  }
}

void PostgresTestEnvironment::TearDown() { server_.reset(); }

PostgresServer& PostgresTestEnvironment::server() {
  if (g_environment == nullptr || !g_environment->server_) {
    throw std::logic_error("PostgresTestEnvironment is not registered or failed to start");
  }
  return *g_environment->server_;
}

}  // namespace connectors::ftest
