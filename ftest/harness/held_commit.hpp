#pragma once
// Commits held between taking their timestamp and becoming visible, for tests of incremental
// syncs (the case commit timestamps alone get wrong).
//
//   server started with held_commit_settings(): a synchronous standby that never connects,
//   synchronous_commit = local for everyone else
//   HeldCommit(pg, "UPDATE ...")  BEGIN; SET LOCAL synchronous_commit = on; UPDATE ...; COMMIT;
//     --> waits until the backend sits in SyncRep: commit timestamp taken, commit invisible
//   release()                     pg_cancel_backend: the wait ends and the commit is visible
//
// PgSession is a libpq session of the test's own, for writers and held transactions.

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ftest/harness/postgres_server.hpp"

namespace connectors::ftest {

// Settings for PostgresOptions::settings that make HeldCommit possible.
std::vector<std::pair<std::string, std::string>> held_commit_settings();

class PgSession {
 public:
  explicit PgSession(const PostgresServer& server);
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  // send() then finish().
  void exec(const std::string& sql);
  // Sends without waiting for the result.
  void send(const std::string& sql);
  // Waits for every result of what was sent; throws std::runtime_error on an error.
  void finish();
  int pid() const;

 private:
  PGconn* conn_;
};

class HeldCommit {
 public:
  // Throws std::runtime_error when the commit is not held within `timeout`.
  HeldCommit(const PostgresServer& server, const std::string& statements,
             std::chrono::milliseconds timeout = std::chrono::seconds{30});
  // Releases the commit if the test did not.
  ~HeldCommit();
  HeldCommit(const HeldCommit&) = delete;
  HeldCommit& operator=(const HeldCommit&) = delete;

  // The held transaction's id (32-bit, as pg_stat_activity shows it).
  std::uint64_t xid() const { return xid_; }
  // Ends the wait: the commit becomes visible, with the timestamp it took when held.
  void release();

 private:
  const PostgresServer& server_;
  PgSession session_;
  std::uint64_t xid_ = 0;
  bool released_ = false;
};

}  // namespace connectors::ftest
