#include "ftest/stack/postgres_stack.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>

#include "core/time_format.hpp"

namespace connectors::ftest {
namespace json = boost::json;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

json::object read_connector_configuration(const std::string& path, int port) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  json::object configuration = json::parse(text.str()).at("configuration").as_object();
  configuration["port"].as_object()["value"] = port;
  return configuration;
}

}  // namespace

StackPaths build_paths() {
  return StackPaths{CONNECTORS_ELASTIC_INGEST_PATH, CONNECTORS_ES_EMULATOR_PATH,
                    CONNECTORS_SOURCE_DIR "/ftest/fixtures/postgresql/connector.json"};
}

PostgresStack::PostgresStack(StackPaths paths, DataSize size, std::stop_token stop)
    : paths_(std::move(paths)), size_(size), stop_(std::move(stop)) {
  start([this](PostgresServer&) { load(admin_connection(), size_); });
}

PostgresStack::PostgresStack(StackPaths paths, const DataLoader& loader, std::stop_token stop)
    : paths_(std::move(paths)), size_(DataSize::kSmall), stop_(std::move(stop)) {
  start(loader);
}

void PostgresStack::start(const DataLoader& loader) {
  work_ = std::make_unique<TempDir>("connectors-ftest-");
  config_file_ = work_->path() + "/config.yml";
  service_log_ = work_->path() + "/elastic-ingest.log";

  postgres_.emplace(PostgresServer::start());
  if (stop_.stop_requested()) throw core::StopRequested();
  const auto load_start = std::chrono::steady_clock::now();
  loader(*postgres_);
  load_seconds_ = seconds_since(load_start);
  if (stop_.stop_requested()) throw core::StopRequested();

  emulator_.emplace(EsEmulatorProcess::start(paths_.es_emulator, work_->path() + "/es-emulator.log"));
  protocol::BeastTransportSettings transport;
  transport.url = emulator_->url();
  transport_ = std::make_unique<protocol::BeastTransport>(transport);
  protocol::EsClientSettings es;
  es.host = emulator_->url();
  es.max_retries = 2;
  es.retry_interval = std::chrono::seconds{1};
  es.request_timeout = std::chrono::seconds{60};
  es.user_agent = "connectors-ftest";
  es_ = std::make_unique<protocol::EsClient>(*transport_, es, clock_);
  kibana_ = std::make_unique<KibanaClient>(*es_);

  kibana_->ensure_default_pipeline(stop_);
  kibana_->create_connector({kConnectorId, "postgresql-functional-test", kIndexName, "postgresql"}, stop_);
  kibana_->set_full_schedule(kConnectorId, true, "1 * * * * ?", stop_);
  kibana_->set_configuration(kConnectorId, read_connector_configuration(paths_.connector_json, postgres_->port()),
                             stop_);
  kibana_->recreate_index(kIndexName, stop_);
  write_config();
}

PostgresStack::~PostgresStack() = default;

FixtureConnection PostgresStack::admin_connection() const {
  return FixtureConnection{postgres_->host(), postgres_->port(), postgres_->admin_user(),
                           postgres_->admin_password(), postgres_->database()};
}

void PostgresStack::write_config() const {
  std::ofstream out(config_file_);
  out << "# Written by the functional test.\n"
      << "elasticsearch:\n"
      << "  host: " << emulator_->url() << "\n"
      << "  username: elastic\n"
      << "  password: changeme\n"
      << "service:\n"
      << "  idling: 1\n"
      << "connectors:\n"
      << "  - connector_id: '" << kConnectorId << "'\n"
      << "    service_type: 'postgresql'\n";
  if (!out) throw std::runtime_error("cannot write " + config_file_);
}

SyncOutcome PostgresStack::sync(std::chrono::seconds timeout,
                                const std::function<void(const json::object&)>& on_poll) {
  ServiceProcess service = ServiceProcess::start(
      ServiceOptions{paths_.elastic_ingest, config_file_, service_log_, {"--debug"}});
  SyncOutcome outcome;
  const auto pressed = std::chrono::steady_clock::now();
  try {
    const std::string job_id = kibana_->press_sync(kConnectorId, stop_);
    outcome.job = kibana_->wait_for_job(
        job_id, timeout,
        [&](const json::object& job) {
          if (!service.running()) {
            throw std::runtime_error("elastic-ingest exited during the sync. Its log:\n" +
                                     tail_of_file(service_log_));
          }
          if (on_poll) on_poll(job);
        },
        stop_);
  } catch (...) {
    service.stop(std::chrono::seconds{10});
    throw;
  }
  outcome.wall_seconds = seconds_since(pressed);
  const json::value* started = outcome.job.if_contains("started_at");
  const json::value* completed = outcome.job.if_contains("completed_at");
  if (started && completed && started->is_string() && completed->is_string()) {
    const auto s = core::parse_iso8601(started->as_string());
    const auto c = core::parse_iso8601(completed->as_string());
    if (s && c) outcome.service_seconds = std::chrono::duration<double>(*c - *s).count();
  }
  outcome.service_exit = service.stop();
  return outcome;
}

}  // namespace connectors::ftest
