#include "sources/postgresql/postgres_source.hpp"

#include <algorithm>
#include <functional>

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "sources/postgresql/advanced_rules.hpp"
#include "sources/postgresql/ca_bundle_file.hpp"
#include "sources/postgresql/catalog.hpp"
#include "sources/postgresql/codecs/datetime_codec.hpp"
#include "sources/postgresql/column_naming.hpp"
#include "sources/postgresql/pem_format.hpp"
#include "core/python_repr.hpp"
#include "sources/postgresql/queries.hpp"
#include "sources/postgresql/retrier.hpp"
#include "sources/postgresql/rule_reader.hpp"
#include "sources/postgresql/table_reader.hpp"

namespace connectors::sources::postgresql {
namespace {

// An incremental sync that cannot be done; the message says what to do instead.
class SyncCursorError : public core::Error {
 public:
  SyncCursorError(std::string kind, std::string message) : core::Error(std::move(kind), std::move(message)) {}
};

// The message a skipped table or rule leaves on the job.
std::string failure_text(const core::Error& error) { return error.describe(); }

}  // namespace

PostgresSource::PostgresSource(DataSourceConfiguration configuration, std::shared_ptr<core::Clock> clock,
                               std::chrono::seconds commit_timestamp_overlap)
    : configuration_(std::move(configuration)),
      clock_(std::move(clock)),
      commit_timestamp_overlap_(commit_timestamp_overlap) {}

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

std::vector<SyncRuleError> PostgresSource::validate_advanced_rules(const boost::json::value& rules) {
  // Elastic: len(advanced_rules) == 0 is valid ([] and Kibana's default {}).
  if (!has_advanced_rules(rules)) return {};
  if (auto error = advanced_rules_schema_error(rules)) return {SyncRuleError{"advanced_snippet", *error}};
  const PostgresSettings& s = settings();
  std::vector<std::string> existing;
  // Upstream retries this with its constant DEFAULT_RETRY_COUNT, not the configured count.
  Retrier retrier(*clock_, static_cast<int>(kDefaultRetryCount));
  retrier.run("listing the tables of the schema", {}, [&] {
    PgConnection connection = connect({});
    spdlog::info("Fetching all tables");
    existing = list_tables(connection, s.database, s.schema, {});
  });
  if (auto missing = missing_tables_message(tables_named(rules), existing)) {
    return {SyncRuleError{"advanced_snippet", *missing}};
  }
  return {};
}

std::optional<CommitProbe> PostgresSource::read_commit_probe(PgConnection& connection, std::stop_token stop) {
  std::optional<PgError> error;
  const auto row = connection.try_exec_params(queries::kLastCommittedTransaction, {}, ResultFormat::kBinary,
                                              error, stop);
  if (error) {
    if (is_connection_failure(*error)) throw *error;
    spdlog::debug("No commit probe for the sync cursor: {}", error->describe());
    return std::nullopt;
  }
  if (row->rows() == 0 || row->is_null(0, 0) || row->is_null(0, 1) || row->text(0, 0) == "0") return std::nullopt;
  CommitProbe probe;
  probe.xid = row->text(0, 0);
  codecs::append_timestamptz(probe.committed_at, row->value(0, 1), codecs::DateTimeSeparator::kIso);
  return probe;
}

SyncCursor PostgresSource::check_incremental(const boost::json::value& stored, std::stop_token stop) {
  const PostgresSettings& s = settings();
  std::string problem;
  std::optional<SyncCursor> cursor = SyncCursor::from_json(stored, problem);
  if (!cursor) {
    throw SyncCursorError("SyncCursorEmpty",
                          "Unable to start an incremental sync: " + problem +
                              ". Run a full sync first: it records where the next incremental sync starts.");
  }
  if (cursor->database != s.database || cursor->schema != s.schema) {
    throw SyncCursorError("SyncCursorEmpty",
                          "Unable to start an incremental sync: the sync cursor was recorded for database '" +
                              cursor->database + "', schema '" + cursor->schema + "', and the connector now reads "
                              "database '" + s.database + "', schema '" + s.schema + "'. Run a full sync.");
  }
  Retrier retrier(*clock_, attempts());
  std::string setting;
  std::optional<bool> probe_holds;
  retrier.run("checking commit timestamps", stop, [&] {
    PgConnection connection = connect(stop);
    setting = connection.query(queries::kTrackCommitTimestamp, stop).text(0, 0);
    if (setting != "on" || !cursor->probe) return;
    const std::vector<std::optional<std::string>> params = {cursor->probe->xid, cursor->probe->committed_at};
    const PgResult row = connection.exec_params(queries::kCommitTimestampIs, params, ResultFormat::kText, stop);
    probe_holds = row.value(0, 0) == "t";
  });
  if (setting != "on") {
    throw SyncCursorError("IncrementalSyncNotAvailable",
                          "Incremental syncs need track_commit_timestamp = on on the PostgreSQL server, and it "
                          "is off. Turn it on (postgresql.conf, then restart the server) and run a full sync; "
                          "until then, run full syncs.");
  }
  if (!cursor->probe || !probe_holds.value_or(false)) {
    throw SyncCursorError("SyncCursorEmpty",
                          "Unable to start an incremental sync: PostgreSQL's commit timestamps do not reach back "
                          "to the last sync (track_commit_timestamp was off then or has been turned off and on "
                          "since, the server was replaced or restored, or its commit timestamp history was "
                          "truncated), so changes could be missed. Run a full sync.");
  }
  return std::move(*cursor);
}

void PostgresSource::get_docs(const SyncRequest& request, DocumentSink& sink, std::stop_token stop) {
  cursor_ = nullptr;
  const PostgresSettings& s = settings();
  const bool incremental = request.kind == SyncKind::kIncremental;
  std::optional<SyncCursor> previous;
  if (incremental) previous = check_incremental(request.sync_cursor, stop);

  const bool with_rules = has_advanced_rules(request.advanced_rules);
  std::vector<AdvancedRule> rules;
  if (with_rules) {
    if (auto error = advanced_rules_schema_error(request.advanced_rules)) {
      throw core::Error("InvalidFilteringError", "Invalid advanced sync rules: " + *error);
    }
    rules = read_advanced_rules(request.advanced_rules);
  }

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

  SyncCursor next;
  next.database = s.database;
  next.schema = s.schema;
  // Taken before any snapshot: the next incremental sync checks that history since is intact.
  retrier.run("reading the newest commit", stop, fresh_on_failure([&] { next.probe = read_commit_probe(*connection, stop); }));

  SyncState state;
  state.commit_timestamp_overlap = commit_timestamp_overlap_;
  if (with_rules) {
    spdlog::info("Fetching records from the database using advanced sync rules: {}",
                 boost::json::serialize(request.advanced_rules));
    if (incremental) {
      spdlog::info("Incremental sync with advanced sync rules: every rule's query runs in full (which of its "
                   "rows changed cannot be known); its documents are upserted");
    }
    for (std::size_t index = 0; index < rules.size(); ++index) {
      const AdvancedRule& rule = rules[index];
      std::uint64_t emitted = 0;
      try {
        retrier.run("running the advanced rule for tables " + join_tables(rule.tables), stop, fresh_on_failure([&] {
                      RuleReader(*connection, *clock_, state, s.database, s.schema).read(rule, sink, stop, emitted);
                    }));
      } catch (const PgError& error) {
        if (is_connection_failure(error)) throw;
        spdlog::warn("Something went wrong while fetching document for query '{}' and tables {}. Error: {}",
                     rule.query, join_tables(rule.tables), error.describe());
        std::string message = "Advanced sync rule " + std::to_string(index + 1) + " (tables " +
                              core::python_list_repr(rule.tables) + ") failed: ";
        if (error.sqlstate() == "25006") message += "it tries to write, and advanced rules may only read: ";
        sink.skip(id_prefix(s.database, s.schema, rule.tables), message + failure_text(error));
      }
    }
    cursor_ = next.to_json();
    return;
  }

  std::vector<std::string> tables;
  if (s.all_tables()) {
    spdlog::info("Fetching all tables");
    retrier.run("listing the tables of the schema", stop,
                fresh_on_failure([&] { tables = list_tables(*connection, s.database, s.schema, stop); }));
  } else {
    spdlog::info("Fetching user configured tables: {}", core::python_list_repr(s.tables));
    tables = s.tables;
  }

  for (const auto& table : tables) {
    const TableRef ref{s.database, s.schema, table};
    std::optional<TableHorizon> since;
    if (previous) {
      if (const auto it = previous->tables.find(table); it != previous->tables.end()) {
        since = it->second;
      } else {
        spdlog::info("Table '{}' was not read by the last sync: reading all its rows", table);
      }
    }
    std::uint64_t emitted = 0;
    try {
      // A retry re-reads the table from its first row: documents already sent come again,
      // which is harmless (the same _id, a newer snapshot).
      TableResult result;
      retrier.run("fetching table '" + table + "'", stop, fresh_on_failure([&] {
                    result = TableReader(*connection, *clock_, state).read(ref, since, sink, stop, emitted);
                  }));
      if (result.horizon) next.tables[table] = *result.horizon;
    } catch (PgError& error) {
      error.add_context("table", s.schema + "." + table);
      if (is_connection_failure(error)) throw;
      spdlog::warn("Something went wrong while fetching document for table '{}'. Error: {}", table,
                   error.describe());
      sink.skip(id_prefix(s.database, s.schema, {table}),
                "Table '" + table + "' could not be read: " + failure_text(error));
    }
  }
  if (tables.empty()) {
    spdlog::warn("Fetched 0 tables for schema: {} and database: {}", s.schema, s.database);
  }
  cursor_ = next.to_json();
}

SourceDescriptor make_postgresql_descriptor(std::shared_ptr<core::Clock> clock,
                                            std::chrono::seconds commit_timestamp_overlap) {
  if (!clock) clock = std::make_shared<core::SystemClock>();
  SourceDescriptor descriptor;
  descriptor.service_type = "postgresql";
  descriptor.name = "PostgreSQL";
  descriptor.configuration = postgresql_configuration_schema();
  descriptor.features = SourceFeatures{.basic_sync_rules = true,
                                       .advanced_sync_rules = true,
                                       .incremental_sync = true,
                                       .document_level_security = false};
  descriptor.create = [clock, commit_timestamp_overlap](
                          const DataSourceConfiguration& configuration) -> std::unique_ptr<Source> {
    return std::make_unique<PostgresSource>(configuration, clock, commit_timestamp_overlap);
  };
  return descriptor;
}

}  // namespace connectors::sources::postgresql
