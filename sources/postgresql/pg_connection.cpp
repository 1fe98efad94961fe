#include "sources/postgresql/pg_connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace connectors::sources::postgresql {
namespace {

using Clock = std::chrono::steady_clock;

// Queries in error context: enough to recognise the statement, never a whole column list.
std::string describe_query(std::string_view sql) {
  constexpr std::size_t kMax = 200;
  if (sql.size() <= kMax) return std::string(sql);
  return std::string(sql.substr(0, kMax)) + "...";
}

std::string trim_message(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

PgError result_error(PGresult* result, std::string_view operation) {
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  std::string message = primary ? primary : trim_message(PQresultErrorMessage(result));
  if (message.empty()) message = "unexpected result status " + std::string(PQresStatus(PQresultStatus(result)));
  return PgError(std::move(message), sqlstate ? sqlstate : "", std::string(operation));
}

// The server's notices (e.g. a WARNING from a function) go to the log, not to stderr.
void log_notice(void*, const char* message) {
  spdlog::debug("PostgreSQL notice: {}", trim_message(message));
}

// The session settings whose values change the text form of the values we read as text:
// fixed, so every server gives the same documents.
constexpr std::string_view kSessionSetup =
    "SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC'; "
    "SET extra_float_digits = 1; SET default_transaction_read_only = on";

}  // namespace

// --- PgResult ---------------------------------------------------------------------------

PgResult::PgResult(PgResult&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    if (result_) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

PgResult::~PgResult() {
  if (result_) PQclear(result_);
}

int PgResult::rows() const { return result_ ? PQntuples(result_) : 0; }
int PgResult::columns() const { return result_ ? PQnfields(result_) : 0; }

bool PgResult::is_null(int row, int column) const {
  return result_ == nullptr || PQgetisnull(result_, row, column) != 0;
}

std::string_view PgResult::value(int row, int column) const {
  if (is_null(row, column)) return {};
  return {PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column))};
}

std::string PgResult::column_name(int column) const {
  const char* name = result_ ? PQfname(result_, column) : nullptr;
  return name ? name : "";
}

std::uint32_t PgResult::column_type(int column) const {
  return result_ ? static_cast<std::uint32_t>(PQftype(result_, column)) : 0;
}

// --- PgConnection -----------------------------------------------------------------------

PgConnection PgConnection::connect(const ConnectionParams& params, std::stop_token stop) {
  const std::string port = std::to_string(params.port);
  const std::string timeout = std::to_string(params.connect_timeout.count());
  std::vector<const char*> keys = {
      "host", "port", "user", "password", "dbname", "connect_timeout", "application_name",
      "client_encoding", "sslmode",
      // A dead server or network is noticed within about a minute, even mid-statement.
      "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
      "tcp_user_timeout"};
  std::vector<const char*> values = {
      params.host.c_str(), port.c_str(), params.user.c_str(), params.password.c_str(),
      params.database.c_str(), timeout.c_str(), params.application_name.c_str(),
      "UTF8", params.ssl_verify ? "verify-full" : "prefer",
      "1", "30", "10", "3", "60000"};
  if (params.ssl_verify) {
    keys.push_back("sslrootcert");
    values.push_back(params.ssl_root_cert.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);

  const std::string operation = "connecting to " + params.host + ":" + port;
  if (stop.stop_requested()) throw core::StopRequested();
  // expand_dbname = 0: the database name is a name, never a connection string.
  PgConnection conn(PQconnectStartParams(keys.data(), values.data(), 0));
  if (conn.conn_ == nullptr) {
    throw PgError("libpq could not allocate a connection", "", operation);
  }
  if (PQstatus(conn.conn_) == CONNECTION_BAD) throw conn.connection_error(operation);
  // Verbose errors carry the server's SQLSTATE, which tells a wrong password (permanent)
  // from an unreachable server (transient).
  PQsetErrorVerbosity(conn.conn_, PQERRORS_VERBOSE);

  const auto deadline = Clock::now() + params.connect_timeout;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  while (status != PGRES_POLLING_OK) {
    if (status == PGRES_POLLING_FAILED) throw conn.connection_error(operation);
    if (stop.stop_requested()) throw core::StopRequested();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      throw PgError("timeout expired after " + std::to_string(params.connect_timeout.count()) +
                        " seconds",
                    "", operation);
    }
    pollfd fd{PQsocket(conn.conn_), static_cast<short>(status == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    // Wake up now and then to notice a stop request.
    const int ready = ::poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 200)));
    if (ready < 0 && errno != EINTR) {
      throw PgError("poll failed while connecting", "", operation);
    }
    if (ready <= 0) continue;
    status = PQconnectPoll(conn.conn_);
  }
  PQsetErrorVerbosity(conn.conn_, PQERRORS_DEFAULT);
  PQsetNoticeProcessor(conn.conn_, &log_notice, nullptr);
  conn.cancel_ = PQgetCancel(conn.conn_);
  conn.query(kSessionSetup, stop);
  return conn;
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)),
      cancel_(std::exchange(other.cancel_, nullptr)),
      broken_(other.broken_) {}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
  if (this != &other) {
    close();
    conn_ = std::exchange(other.conn_, nullptr);
    cancel_ = std::exchange(other.cancel_, nullptr);
    broken_ = other.broken_;
  }
  return *this;
}

PgConnection::~PgConnection() { close(); }

void PgConnection::close() noexcept {
  if (cancel_) PQfreeCancel(std::exchange(cancel_, nullptr));
  if (conn_) PQfinish(std::exchange(conn_, nullptr));
}

bool PgConnection::usable() const {
  return conn_ != nullptr && !broken_ && PQstatus(conn_) == CONNECTION_OK;
}

int PgConnection::server_version() const { return conn_ ? PQserverVersion(conn_) : 0; }

PgError PgConnection::connection_error(std::string_view operation) const {
  const LibpqMessage parsed =
      parse_verbose_message(conn_ ? PQerrorMessage(conn_) : "no connection");
  return PgError(parsed.text.empty() ? "connection failed" : parsed.text, parsed.sqlstate,
                 std::string(operation));
}

void PgConnection::check_usable(std::string_view operation) const {
  if (conn_ == nullptr) throw PgError("the connection is closed", "", std::string(operation));
  if (broken_) {
    throw PgError("the connection was left unusable by an interrupted COPY", "",
                  std::string(operation));
  }
}

void PgConnection::cancel() noexcept {
  if (cancel_ == nullptr) return;
  char message[256];
  if (PQcancel(cancel_, message, sizeof message) == 0) {
    spdlog::debug("Could not send a cancel request to PostgreSQL: {}", message);
  }
}

std::optional<PgResult> PgConnection::collect(std::string_view operation,
                                              std::optional<PgError>& error,
                                              const std::stop_token& stop) {
  // All results are read, so the connection is idle afterwards; the first error wins.
  std::optional<PgResult> last;
  while (PGresult* raw = PQgetResult(conn_)) {
    PgResult result(raw);
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
      last = std::move(result);
      continue;
    }
    if (status == PGRES_COPY_OUT || status == PGRES_COPY_IN || status == PGRES_COPY_BOTH) {
      broken_ = true;
      if (!error) error.emplace("unexpected COPY in a query", "", std::string(operation));
      return std::nullopt;
    }
    if (!error) error.emplace(result_error(raw, operation));
  }
  if (!error && PQstatus(conn_) != CONNECTION_OK) error.emplace(connection_error(operation));
  if (error) {
    if (stop.stop_requested()) throw core::StopRequested();
    return std::nullopt;
  }
  return last;
}

std::optional<PgResult> PgConnection::try_query(std::string_view sql, std::optional<PgError>& error,
                                                std::stop_token stop) {
  const std::string operation = "running " + describe_query(sql);
  check_usable(operation);
  if (stop.stop_requested()) throw core::StopRequested();
  std::stop_callback on_stop(stop, [this] { cancel(); });
  const std::string text(sql);
  if (PQsendQuery(conn_, text.c_str()) == 0) {
    error.emplace(connection_error(operation));
    return std::nullopt;
  }
  return collect(operation, error, stop);
}

PgResult PgConnection::query(std::string_view sql, std::stop_token stop) {
  std::optional<PgError> error;
  auto result = try_query(sql, error, stop);
  if (error) throw *error;
  return std::move(*result);
}

std::optional<PgResult> PgConnection::try_exec_params(
    std::string_view sql, std::span<const std::optional<std::string>> params, ResultFormat format,
    std::optional<PgError>& error, std::stop_token stop) {
  const std::string operation = "running " + describe_query(sql);
  check_usable(operation);
  if (stop.stop_requested()) throw core::StopRequested();
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  std::stop_callback on_stop(stop, [this] { cancel(); });
  const std::string text(sql);
  if (PQsendQueryParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                        values.data(), nullptr, nullptr, static_cast<int>(format)) == 0) {
    error.emplace(connection_error(operation));
    return std::nullopt;
  }
  return collect(operation, error, stop);
}

PgResult PgConnection::exec_params(std::string_view sql,
                                   std::span<const std::optional<std::string>> params,
                                   ResultFormat format, std::stop_token stop) {
  std::optional<PgError> error;
  auto result = try_exec_params(sql, params, format, error, stop);
  if (error) throw *error;
  return std::move(*result);
}

std::vector<ResultColumn> PgConnection::describe(std::string_view sql, std::stop_token stop) {
  const std::string operation = "preparing " + describe_query(sql);
  check_usable(operation);
  if (stop.stop_requested()) throw core::StopRequested();
  std::stop_callback on_stop(stop, [this] { cancel(); });
  const std::string text(sql);
  std::optional<PgError> error;
  if (PQsendPrepare(conn_, "", text.c_str(), 0, nullptr) == 0) throw connection_error(operation);
  collect(operation, error, stop);
  if (error) throw *error;
  if (PQsendDescribePrepared(conn_, "") == 0) throw connection_error(operation);
  auto described = collect(operation, error, stop);
  if (error) throw *error;
  std::vector<ResultColumn> columns;
  if (!described) return columns;
  for (int i = 0; i < described->columns(); ++i) {
    columns.push_back({described->column_name(i), described->column_type(i)});
  }
  return columns;
}

std::uint64_t PgConnection::copy_out(std::string_view sql, const CopyDataHandler& on_data,
                                     std::stop_token stop) {
  const std::string operation = "running " + describe_query(sql);
  check_usable(operation);
  if (stop.stop_requested()) throw core::StopRequested();
  std::stop_callback on_stop(stop, [this] { cancel(); });
  const std::string text(sql);
  if (PQsendQuery(conn_, text.c_str()) == 0) throw connection_error(operation);
  std::unique_ptr<PGresult, decltype(&PQclear)> start(PQgetResult(conn_), &PQclear);
  if (!start || PQresultStatus(start.get()) != PGRES_COPY_OUT) {
    std::optional<PgError> error;
    if (start) error.emplace(result_error(start.get(), operation));
    start.reset();
    std::optional<PgError> rest;
    collect(operation, rest, stop);  // drain, so the connection is idle again
    if (stop.stop_requested()) throw core::StopRequested();
    if (!error) error = std::move(rest);
    if (error) throw *error;
    throw PgError("the statement did not start a COPY TO STDOUT", "", operation);
  }
  start.reset();

  std::uint64_t messages = 0;
  while (true) {
    char* buffer = nullptr;
    const int length = PQgetCopyData(conn_, &buffer, 0);
    if (length > 0) {
      // Owned before anything can throw, so a failing handler does not leak it.
      std::unique_ptr<char, decltype(&PQfreemem)> owned(buffer, &PQfreemem);
      ++messages;
      try {
        on_data(std::string_view(buffer, static_cast<std::size_t>(length)));
      } catch (...) {
        broken_ = true;  // still inside the COPY: the connection cannot run anything else
        throw;
      }
      continue;
    }
    if (length == -1) break;  // COPY done: the final result follows
    broken_ = true;           // -2: the connection failed
    if (stop.stop_requested()) throw core::StopRequested();
    throw connection_error(operation);
  }
  std::optional<PgError> error;
  collect(operation, error, stop);
  if (error) throw *error;
  return messages;
}

std::string PgConnection::quote_identifier(std::string_view name) const {
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(
      PQescapeIdentifier(conn_, name.data(), name.size()), &PQfreemem);
  if (!quoted) {
    throw PgError("cannot quote the identifier: " + trim_message(PQerrorMessage(conn_)), "",
                  "quoting an identifier", PgErrorClass::kPermanent);
  }
  return quoted.get();
}

std::string PgConnection::quote_literal(std::string_view text) const {
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(PQescapeLiteral(conn_, text.data(), text.size()),
                                                     &PQfreemem);
  if (!quoted) {
    throw PgError("cannot quote the literal: " + trim_message(PQerrorMessage(conn_)), "",
                  "quoting a literal", PgErrorClass::kPermanent);
  }
  return quoted.get();
}

}  // namespace connectors::sources::postgresql
