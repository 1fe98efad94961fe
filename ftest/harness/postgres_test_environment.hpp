#pragma once
// One throwaway PostgreSQL per test binary, for the tests labelled `pg`. Register it from a
// test file at namespace scope:
//
//   const auto* const kPostgres =
//       ::testing::AddGlobalTestEnvironment(new ftest::PostgresTestEnvironment);
//
// and reach the server from tests with PostgresTestEnvironment::server(). gtest_discover_tests
// runs each test in its own process, so in practice that is one server per test process; the
// server is started only when tests run (not when they are listed).

#include <optional>

#include <gtest/gtest.h>

#include "ftest/harness/postgres_server.hpp"

namespace connectors::ftest {

class PostgresTestEnvironment : public ::testing::Environment {
 public:
  explicit PostgresTestEnvironment(PostgresOptions options = {});
  ~PostgresTestEnvironment() override;
  void SetUp() override;
  void TearDown() override;

  // The running server. Throws std::logic_error when the environment is not set up.
  static PostgresServer& server();

 private:
  PostgresOptions options_;
  std::optional<PostgresServer> server_;
};

}  // namespace connectors::ftest
