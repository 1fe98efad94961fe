#pragma once
// One libpq connection, owned: RAII over PGconn* and PGresult*, move-only.
//
//   connect(params)  PQconnectStartParams(keyword/value arrays, expand_dbname = 0) and a
//                    poll loop with our own deadline and the stop token; then the session
//                    settings text output depends on (DateStyle, IntervalStyle, TimeZone,
//                    extra_float_digits), and default_transaction_read_only: nothing this
//                    connection runs can write, even outside an explicit transaction.
//   query / try_query / exec_params / try_exec_params   one statement each; the throwing
//                    form is written in terms of the non-throwing one.
//   describe(sql)    parses one statement (extended protocol: a single statement only) and
//                    returns the columns it would return, without running it.
//   copy_out(sql, on_data, stop)   COPY ... TO STDOUT: PQgetCopyData hands each CopyData
//                    buffer to `on_data`; a stop request cancels the statement (PQcancel).
//
// Every wait has a bound: connecting has connect_timeout, and once connected TCP keepalives
// and tcp_user_timeout detect a dead server or network. A running statement has no time
// limit on purpose: reading a large table legitimately takes long.
//
// Not thread-safe, except cancel(), which any thread may call at any time.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/quoter.hpp"

struct pg_conn;
struct pg_result;
struct pg_cancel;

namespace connectors::sources::postgresql {

struct ConnectionParams {
  std::string host;
  int port = 5432;
  std::string user;
  std::string password;
  std::string database;
  // false: sslmode=prefer (TLS when the server offers it, unverified). true: verify-full
  // against `ssl_root_cert` (a CA bundle file, see CaBundleFile).
  bool ssl_verify = false;
  std::string ssl_root_cert;
  std::chrono::seconds connect_timeout{30};
  std::string application_name = "elastic-ingest";
};

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* result) : result_(result) {}
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult();

  int rows() const;
  int columns() const;
  bool is_null(int row, int column) const;
  // The value's bytes (text or binary, as requested); empty for NULL.
  std::string_view value(int row, int column) const;
  std::string text(int row, int column) const { return std::string(value(row, column)); }
  std::string column_name(int column) const;
  std::uint32_t column_type(int column) const;

 private:
  pg_result* result_ = nullptr;
};

enum class ResultFormat { kText = 0, kBinary = 1 };

using CopyDataHandler = std::function<void(std::string_view)>;

struct ResultColumn {
  std::string name;
  std::uint32_t type_oid = 0;
};

class PgConnection final : public Quoter {
 public:
  // Throws PgError (connection failures: transient, or the server's SQLSTATE when it sent
  // one, e.g. 28P01 for a wrong password) and core::StopRequested.
  static PgConnection connect(const ConnectionParams& params, std::stop_token stop = {});

  PgConnection(PgConnection&& other) noexcept;
  PgConnection& operator=(PgConnection&& other) noexcept;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  // Runs one statement (or several, in the simple protocol) with text results.
  PgResult query(std::string_view sql, std::stop_token stop = {});
  std::optional<PgResult> try_query(std::string_view sql, std::optional<PgError>& error,
                                    std::stop_token stop = {});

  // One statement with $1.. parameters sent as text (nullopt: NULL).
  PgResult exec_params(std::string_view sql, std::span<const std::optional<std::string>> params,
                       ResultFormat format = ResultFormat::kText, std::stop_token stop = {});
  std::optional<PgResult> try_exec_params(std::string_view sql,
                                          std::span<const std::optional<std::string>> params,
                                          ResultFormat format, std::optional<PgError>& error,
                                          std::stop_token stop = {});

  // Prepares `sql` as the unnamed statement and describes it: its result columns, none for
  // a statement that returns no rows. Throws PgError when the server rejects it (syntax,
  // unknown table, several statements...).
  std::vector<ResultColumn> describe(std::string_view sql, std::stop_token stop = {});

  // Runs a `COPY ... TO STDOUT` and calls `on_data` with every CopyData message. Returns the
  // number of messages. If `on_data` throws, the exception propagates and the connection is
  // left unusable (it is mid-COPY). Throws core::StopRequested when `stop` fires.
  std::uint64_t copy_out(std::string_view sql, const CopyDataHandler& on_data,
                         std::stop_token stop = {});

  // Asks the server to cancel the running statement. Thread-safe, never throws.
  void cancel() noexcept;

  std::string quote_identifier(std::string_view name) const override;
  std::string quote_literal(std::string_view text) const override;

  // False after a connection loss or an interrupted COPY: discard and reconnect.
  bool usable() const;
  int server_version() const;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  // Sends nothing; collects the results of the statement just sent.
  std::optional<PgResult> collect(std::string_view operation, std::optional<PgError>& error,
                                  const std::stop_token& stop);
  PgError connection_error(std::string_view operation) const;
  void check_usable(std::string_view operation) const;
  void close() noexcept;

  pg_conn* conn_ = nullptr;
  pg_cancel* cancel_ = nullptr;
  bool broken_ = false;
};

}  // namespace connectors::sources::postgresql
