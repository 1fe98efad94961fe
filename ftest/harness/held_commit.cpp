#include "ftest/harness/held_commit.hpp"

#include <stdexcept>
#include <thread>

namespace connectors::ftest {

std::vector<std::pair<std::string, std::string>> held_commit_settings() {
  return {{"synchronous_standby_names", "phantom_standby"}, {"synchronous_commit", "local"}};
}

PgSession::PgSession(const PostgresServer& server) : conn_(PQconnectdb(server.connection_string().c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(conn_);
    PQfinish(conn_);
    throw std::runtime_error(error);
  }
}

PgSession::~PgSession() { PQfinish(conn_); }

void PgSession::exec(const std::string& sql) {
  send(sql);
  finish();
}

void PgSession::send(const std::string& sql) {
  if (PQsendQuery(conn_, sql.c_str()) == 0) throw std::runtime_error(PQerrorMessage(conn_));
}

void PgSession::finish() {
  std::string error;
  while (PGresult* result = PQgetResult(conn_)) {
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && error.empty()) {
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  if (!error.empty()) throw std::runtime_error(error);
}

int PgSession::pid() const { return PQbackendPID(conn_); }

HeldCommit::HeldCommit(const PostgresServer& server, const std::string& statements,
                       std::chrono::milliseconds timeout)
    : server_(server), session_(server) {
  session_.send("BEGIN; SET LOCAL synchronous_commit = on; " + statements + "; COMMIT;");
  const std::string activity =
      "SELECT wait_event || ':' || backend_xid FROM pg_stat_activity WHERE pid = " + std::to_string(session_.pid());
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::string state = server_.query_value(activity).value_or("");
    if (state.rfind("SyncRep:", 0) == 0) {
      xid_ = std::stoull(state.substr(8));
      return;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("the commit was not held (is the server started with held_commit_settings()?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
}

HeldCommit::~HeldCommit() {
  try {
    release();
  } catch (...) {  // the server may be gone already: nothing left to release
  }
}

void HeldCommit::release() {
  if (released_) return;
  released_ = true;
  server_.exec("SELECT pg_cancel_backend(" + std::to_string(session_.pid()) + ")");
  session_.finish();
}

}  // namespace connectors::ftest
