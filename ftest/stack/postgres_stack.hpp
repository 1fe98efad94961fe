#pragma once
// Everything a functional test or the demo needs around the service, in start order:
//
//   PostgresServer (throwaway, track_commit_timestamp=on)  -- fixture data (Elastic's ftest shape)
//   es-emulator on a free port
//   "Kibana": pipeline, PUT _connector/postgres, _scheduling, _configuration, the index
//   config.yml for elastic-ingest in a temporary work directory
//
// and, on demand, elastic-ingest runs and "Sync" presses. Destruction stops whatever is
// still running, in reverse order, also when a test fails half-way.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

#include <boost/json/object.hpp>

#include "core/clock.hpp"
#include "ftest/fixtures/postgresql_fixture.hpp"
#include "ftest/harness/child_process.hpp"
#include "ftest/harness/postgres_server.hpp"
#include "ftest/stack/es_emulator_process.hpp"
#include "ftest/stack/kibana_client.hpp"
#include "ftest/stack/service_process.hpp"
#include "protocol/beast_transport.hpp"
#include "protocol/es_client.hpp"

namespace connectors::ftest {

struct StackPaths {
  std::string elastic_ingest;  // the service binary
  std::string es_emulator;     // the ES-compatible server binary
  std::string connector_json;  // ftest/fixtures/postgresql/connector.json
};
// The paths of this build (set by CMake).
StackPaths build_paths();

inline constexpr char kConnectorId[] = "postgres";
inline constexpr char kIndexName[] = "search-postgresql";

struct SyncOutcome {
  boost::json::object job;            // the job document at its end
  double wall_seconds = 0;            // from "Sync" to the terminal state, as a user sees it
  double service_seconds = 0;         // started_at -> completed_at, as the service reports it
  ExitStatus service_exit;            // the service run's exit, with its peak RSS
};

// Fills the throwaway PostgreSQL with data (as its admin user).
using DataLoader = std::function<void(PostgresServer&)>;

class PostgresStack {
 public:
  // Starts PostgreSQL, loads `size`, starts es-emulator and sets the connector up.
  PostgresStack(StackPaths paths, DataSize size, std::stop_token stop);
  // The same with other data: `loader` instead of Elastic's fixture data. The connector logs in
  // as connector.json says (readonly / foobar123): the loader creates that user.
  PostgresStack(StackPaths paths, const DataLoader& loader, std::stop_token stop);
  ~PostgresStack();

  // Starts elastic-ingest, presses "Sync", waits for the job to end, stops the service with
  // SIGINT. `on_poll` sees the job while it runs.
  SyncOutcome sync(std::chrono::seconds timeout,
                   const std::function<void(const boost::json::object&)>& on_poll = {});

  PostgresServer& postgres() { return *postgres_; }
  KibanaClient& kibana() { return *kibana_; }
  FixtureConnection admin_connection() const;
  const std::string& work_dir() const { return work_->path(); }
  const std::string& service_log() const { return service_log_; }
  const std::string& es_url() const { return emulator_->url(); }
  double load_seconds() const { return load_seconds_; }

 private:
  void start(const DataLoader& loader);
  void write_config() const;

  StackPaths paths_;
  DataSize size_;
  std::stop_token stop_;
  core::SystemClock clock_;
  std::unique_ptr<TempDir> work_;
  std::optional<PostgresServer> postgres_;
  std::optional<EsEmulatorProcess> emulator_;
  std::unique_ptr<protocol::BeastTransport> transport_;
  std::unique_ptr<protocol::EsClient> es_;
  std::unique_ptr<KibanaClient> kibana_;
  std::string config_file_;
  std::string service_log_;
  double load_seconds_ = 0;
};

}  // namespace connectors::ftest
