#pragma once
// The PostgreSQL source: Elastic's PostgreSQLDataSource (service_type "postgresql"), with
// advanced rules that stream and cannot write, and real incremental syncs.
//
//   ping()      connect + "SELECT 1+1", retried; any failure becomes
//               core::Error{"Exception", "Can't connect to Postgresql on {host}."}, the text
//               Elastic's users see (its ping raises a bare Exception), the cause is logged.
//   validate_advanced_rules()   the schema (fastjsonschema's messages), then that every table
//               the rules name exists in the schema.
//   get_docs()  [incremental: the cursor, track_commit_timestamp and PostgreSQL's commit
//               history are checked first; see sync_cursor.hpp]
//               connect (retried) -> commit probe for the next cursor
//               -> advanced rules: each rule (RuleReader), in order, re-run in full also by
//                  incremental syncs (a query's changed rows cannot be told apart)
//               -> else tables ("*": every table of the schema, else the list, in order):
//                  TableReader per table, all rows or (incremental) the rows changed since
//                  the cursor's horizon for the table
//               -> sync_cursor(): the probe and every table's horizon
//
// Retries: `retry_count` attempts with 2^n s waits through the injected Clock (Retrier);
// permanent errors (SQLSTATE classes 28, 42, ...) fail at once. A table or rule that still
// fails is reported with DocumentSink::skip (its documents stay in the index, the job ends in
// error once the rest is synced); losing the server fails the sync.

#include <memory>
#include <optional>
#include <stop_token>

#include "core/clock.hpp"
#include "sources/source.hpp"
#include "sources/postgresql/pg_connection.hpp"
#include "sources/postgresql/postgres_configuration.hpp"
#include "sources/postgresql/sync_cursor.hpp"

namespace connectors::sources::postgresql {

class PostgresSource final : public Source {
 public:
  // `commit_timestamp_overlap`: see sync_cursor.hpp (tests shorten it to see exact sets).
  PostgresSource(DataSourceConfiguration configuration, std::shared_ptr<core::Clock> clock,
                 std::chrono::seconds commit_timestamp_overlap = kCommitTimestampOverlap);

  // The generic checks (fields present, required values set) plus the settings' types.
  void validate_config() override;
  void ping() override;
  std::vector<SyncRuleError> validate_advanced_rules(const boost::json::value& rules) override;
  void get_docs(const SyncRequest& request, DocumentSink& sink, std::stop_token stop) override;
  boost::json::value sync_cursor() const override { return cursor_; }

 private:
  const PostgresSettings& settings();
  PgConnection connect(std::stop_token stop);
  int attempts();
  // Throws, saying what to do, when an incremental sync cannot be done from `cursor`.
  SyncCursor check_incremental(const boost::json::value& cursor, std::stop_token stop);
  std::optional<CommitProbe> read_commit_probe(PgConnection& connection, std::stop_token stop);

  DataSourceConfiguration configuration_;
  std::shared_ptr<core::Clock> clock_;
  std::chrono::seconds commit_timestamp_overlap_;
  std::optional<PostgresSettings> settings_;
  boost::json::value cursor_ = nullptr;
};

// service_type "postgresql", name "PostgreSQL", the 11 configuration fields, features:
// basic and advanced sync rules, incremental syncs, no document level security.
// `clock`: for retry waits and "now" timestamps (default: the system clock).
SourceDescriptor make_postgresql_descriptor(std::shared_ptr<core::Clock> clock = nullptr,
                                            std::chrono::seconds commit_timestamp_overlap = kCommitTimestampOverlap);

}  // namespace connectors::sources::postgresql
