#pragma once
// A throwaway PostgreSQL for tests, the ftest and the demo.
//
//   PostgresServer::start(options)
//     TempDir (owned by `postgres` when we are root) --initdb--> data/ (superuser `admin`,
//     password from --pwfile, scram-sha-256 on TCP, trust on the private socket)
//     --postgres -p <free port> -c listen_addresses=127.0.0.1 ...--> running server
//     --libpq PQpingParams until it accepts (deadline)--> CREATE DATABASE <options.database>
//   ~PostgresServer: SIGINT (fast shutdown), a deadline, then SIGKILL; the directory goes.
//
// initdb and CREATE DATABASE take seconds on a busy machine, and every `pg` test process
// starts a server, so by default the result of those two steps is kept as a template in
// $TMPDIR/connectors-pg-template-<version>-<key> (built once, under a file lock, renamed into
// place when complete) and each server starts from a copy (`cp -a`). Delete the directory to
// rebuild it; set use_template_cache = false to always run initdb.
//
// initdb and postgres refuse to run as root, and CI runs as root, so they run as the
// `postgres` user then. The server's log stays in the temporary directory; when start-up
// fails its tail is part of the exception message.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ftest/harness/child_process.hpp"

namespace connectors::ftest {

struct PostgresOptions {
  // Commit timestamps feed the PostgreSQL source's `_timestamp`; tests of the fallback
  // turn them off.
  bool track_commit_timestamp = true;
  // Created after start-up, owned by the admin user.
  std::string database = "xe";
  std::string admin_user = "admin";
  std::string admin_password = "Password_123";
  // Extra `-c name=value` server settings.
  std::vector<std::pair<std::string, std::string>> settings;
  // Directory holding initdb and postgres; empty: the newest /usr/lib/postgresql/*/bin.
  std::string bin_dir;
  std::chrono::milliseconds start_timeout{std::chrono::seconds{60}};
  std::chrono::milliseconds stop_timeout{std::chrono::seconds{30}};
  // Attempts with a fresh port when another process takes ours between choosing and binding.
  int port_attempts = 5;
  // Start from a cached copy of an initialised data directory (see above).
  bool use_template_cache = true;
};

class PostgresServer {
 public:
  // Throws std::runtime_error (with the server log's tail) when the server cannot start.
  static PostgresServer start(PostgresOptions options = {});

  PostgresServer(PostgresServer&&) noexcept;
  PostgresServer& operator=(PostgresServer&&) = delete;
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  ~PostgresServer();

  const std::string& host() const { return host_; }
  int port() const { return port_; }
  const std::string& admin_user() const { return options_.admin_user; }
  const std::string& admin_password() const { return options_.admin_password; }
  const std::string& database() const { return options_.database; }
  const std::string& data_dir() const { return data_dir_; }
  const std::string& log_file() const { return log_file_; }
  const std::string& bin_dir() const { return bin_dir_; }
  const std::string& dir() const;
  bool running();

  // Runs `sql` (one or more statements) as the admin user in `database` (default: the
  // options' database). Throws std::runtime_error carrying the server's message.
  void exec(const std::string& sql, const std::string& database = {}) const;
  // The first column of the first row of `sql`'s result (nullopt for NULL or no rows).
  std::optional<std::string> query_value(const std::string& sql,
                                         const std::string& database = {}) const;

  // A libpq keyword/value connection string, for tests only (it holds the password).
  std::string connection_string(const std::string& database = {}) const;

  // The last `max_bytes` of the server log.
  std::string log_tail(std::size_t max_bytes = 4096) const;

  // Fast shutdown with the configured deadline; idempotent.
  void stop();

 private:
  PostgresServer() = default;
  // Starts postgres on the prepared data directory and waits until it accepts connections.
  void launch(const std::optional<UserIds>& owner);

  PostgresOptions options_;
  std::unique_ptr<TempDir> dir_;
  std::optional<ChildProcess> process_;
  std::string host_ = "127.0.0.1";
  int port_ = 0;
  std::string bin_dir_;
  std::string data_dir_;
  std::string log_file_;
};

// The newest /usr/lib/postgresql/<version>/bin holding a `postgres` binary; throws when none.
std::string find_postgres_bin_dir();

}  // namespace connectors::ftest
