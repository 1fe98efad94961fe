#include "sources/postgresql/postgres_source.hpp"

#include <algorithm>
#include <functional>

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "sources/postgresql/ca_bundle_file.hpp"
#include "sources/postgresql/pem_format.hpp"
#include "sources/postgresql/python_repr.hpp"
#include "sources/postgresql/queries.hpp"
#include "sources/postgresql/retrier.hpp"
#include "sources/postgresql/table_reader.hpp"

namespace connectors::sources::postgresql {

bool has_advanced_rules(const boost::json::value& rules) {
  if (rules.is_null()) return false;
  if (rules.is_array()) return !rules.get_array().empty();
  if (rules.is_object()) return !rules.get_object().empty();
  if (rules.is_string()) return !rules.get_string().empty();
  return true;
}

PostgresSource::PostgresSource(DataSourceConfiguration configuration, std::shared_ptr<core::Clock> clock)
    : configuration_(std::move(configuration)), clock_(std::move(clock)) {}

const PostgresSettings& PostgresSource::settings() {
  if (!settings_) settings_ = read_settings(configuration_);
  return *settings_;
}

int PostgresSource::attempts() {
  return static_cast<int>(std::clamp<std::int64_t>(settings().retry_count, 1, 100));
}

void PostgresSource::validate_config() {
  configuration_.check_fields_present();
  configuration_.check_valid();
  settings();
}

PgConnection PostgresSource::connect(std::stop_token stop) {
  const PostgresSettings& s = settings();
  ConnectionParams params;
  params.host = s.host;
  params.port = s.port;
  params.user = s.username;
  params.password = s.password;
  params.database = s.database;
  // Lives until the connection is established: libpq reads it during the handshake.
  std::optional<CaBundleFile> ca_bundle;
  if (s.ssl_enabled) {
    ca_bundle.emplace(pem_format(s.ssl_ca));
    params.ssl_verify = true;
    params.ssl_root_cert = ca_bundle->path();
  }
  return PgConnection::connect(params, stop);
}

void PostgresSource::ping() {
  spdlog::debug("Pinging the PostgreSQL instance");
  const std::string host = settings().host;
  try {
    Retrier retrier(*clock_, attempts());
    retrier.run("pinging PostgreSQL", {}, [&] {
      PgConnection connection = connect({});
      connection.query(queries::kPing);
    });
  } catch (const core::StopRequested&) {
    throw;
  } catch (const std::exception& e) {
    const auto* error = dynamic_cast<const core::Error*>(&e);
    spdlog::error("Can't connect to Postgresql on {}: {}", host, error ? error->describe() : e.what());
    throw core::Error("Exception", "Can't connect to Postgresql on " + host + ".");
  }
}

void PostgresSource::get_docs(const SyncRequest& request, DocumentSink& sink, std::stop_token stop) {
  if (request.kind == SyncKind::kIncremental) {
    throw core::Error("UnsupportedJobType", "The PostgreSQL source does not support incremental sync.");
  }
  if (has_advanced_rules(request.advanced_rules)) {
    throw core::Error("NotImplementedError",
                      "Advanced sync rules are not supported yet by this PostgreSQL connector: "
                      "remove them to sync the configured tables.");
  }
  const PostgresSettings& s = settings();
  Retrier retrier(*clock_, attempts());
  std::optional<PgConnection> connection;
  auto ensure_connected = [&] {
    if (!connection || !connection->usable()) {
      connection.reset();
      connection.emplace(connect(stop));
    }
  };
  // A failed attempt may leave a transaction open or a COPY running: start afresh.
  auto fresh_on_failure = [&](const std::function<void()>& operation) {
    return [&, operation] {
      try {
        ensure_connected();
        operation();
      } catch (...) {
        connection.reset();
        throw;
      }
    };
  };

  retrier.run("connecting to PostgreSQL", stop, fresh_on_failure([] {}));
  spdlog::info("Successfully connected to Postgresql.");

  std::vector<std::string> tables;
  if (s.all_tables()) {
    spdlog::info("Fetching all tables");
    retrier.run("listing the tables of the schema", stop, fresh_on_failure([&] {
                  tables.clear();
                  const std::vector<std::optional<std::string>> params = {s.database, s.schema};
                  const PgResult rows = connection->exec_params(queries::kListTables, params,
                                                                ResultFormat::kText, stop);
                  for (int row = 0; row < rows.rows(); ++row) tables.push_back(rows.text(row, 0));
                }));
  } else {
    spdlog::info("Fetching user configured tables: {}", python_list_repr(s.tables));
    tables = s.tables;
  }

  SyncState state;
  for (const auto& table : tables) {
    std::uint64_t emitted = 0;
    const TableRef ref{s.database, s.schema, table};
    try {
      retrier.run(
          "fetching table '" + table + "'", stop, fresh_on_failure([&] {
            TableReader(*connection, *clock_, state).read(ref, sink, stop, emitted);
          }),
          // Once documents went out, a retry would send them again: fail instead.
          [&] { return emitted == 0; });
    } catch (const core::StopRequested&) {
      throw;
    } catch (core::Error& error) {
      error.add_context("table", s.schema + "." + table);
      throw;
    }
  }
  if (tables.empty()) {
    spdlog::warn("Fetched 0 tables for schema: {} and database: {}", s.schema, s.database);
  }
}

SourceDescriptor make_postgresql_descriptor(std::shared_ptr<core::Clock> clock) {
  if (!clock) clock = std::make_shared<core::SystemClock>();
  SourceDescriptor descriptor;
  descriptor.service_type = "postgresql";
  descriptor.name = "PostgreSQL";
  descriptor.configuration = postgresql_configuration_schema();
  descriptor.features = SourceFeatures{.basic_sync_rules = true,
                                       .advanced_sync_rules = true,
                                       .incremental_sync = false,
                                       .document_level_security = false};
  descriptor.create = [clock](const DataSourceConfiguration& configuration) -> std::unique_ptr<Source> {
    return std::make_unique<PostgresSource>(configuration, clock);
  };
  return descriptor;
}

}  // namespace connectors::sources::postgresql
