#pragma once
// The PostgreSQL source: Elastic's PostgreSQLDataSource (service_type "postgresql").
//
//   ping()      connect + "SELECT 1+1", retried; any failure becomes
//               core::Error{"Exception", "Can't connect to Postgresql on {host}."}, the text
//               Elastic's users see (its ping raises a bare Exception), the cause is logged.
//   get_docs()  connect (retried) -> tables ("*": every table of the schema, else the list)
//               -> per table: TableReader (one snapshot, COPY BINARY, one document per row),
//               retried as a whole while it has not emitted a document yet.
//
// Retries: `retry_count` attempts with 2^n s waits through the injected Clock (Retrier);
// permanent errors (SQLSTATE classes 28, 42, ...) fail at once. A table that fails after its
// retries fails the sync, with the table in the error's context.
//
// Not supported yet: advanced sync rules (declared, as upstream, but a job carrying them fails
// with a NotImplementedError rather than syncing everything), incremental syncs (as upstream).

#include <memory>
#include <optional>
#include <stop_token>

#include "core/clock.hpp"
#include "sources/source.hpp"
#include "sources/postgresql/pg_connection.hpp"
#include "sources/postgresql/postgres_configuration.hpp"

namespace connectors::sources::postgresql {

class PostgresSource final : public Source {
 public:
  PostgresSource(DataSourceConfiguration configuration, std::shared_ptr<core::Clock> clock);

  // The generic checks (fields present, required values set) plus the settings' types.
  void validate_config() override;
  void ping() override;
  void get_docs(const SyncRequest& request, DocumentSink& sink, std::stop_token stop) override;

 private:
  const PostgresSettings& settings();
  PgConnection connect(std::stop_token stop);
  int attempts();

  DataSourceConfiguration configuration_;
  std::shared_ptr<core::Clock> clock_;
  std::optional<PostgresSettings> settings_;
};

// Whether a job's `filtering.advanced_snippet.value` holds rules (Elastic's
// has_advanced_rules(): not null and not empty).
bool has_advanced_rules(const boost::json::value& advanced_rules);

// service_type "postgresql", name "PostgreSQL", the 11 configuration fields, features:
// basic and advanced sync rules, no incremental sync, no document level security.
// `clock`: for retry waits and "now" timestamps (default: the system clock).
SourceDescriptor make_postgresql_descriptor(std::shared_ptr<core::Clock> clock = nullptr);

}  // namespace connectors::sources::postgresql
