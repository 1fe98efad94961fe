#pragma once
// What the in-process tests of the service share: one es-emulator per test executable, a
// connector per test (id and index named after the test), the fake sources registered, the
// service's context, and the Kibana-like calls and polls the tests use.
//
// Waits poll with deadlines; nothing sleeps to synchronise. ScaledClock makes the protocol's
// long intervals (10 s progress reports, the stale-sync grace) pass quickly.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "connector/connector_pass.hpp"
#include "connector/connector_preparation.hpp"
#include "connector/job_execution.hpp"
#include "connector/service_context.hpp"
#include "core/clock.hpp"
#include "core/time_format.hpp"
#include "ftest/stack/es_emulator_process.hpp"
#include "ftest/stack/kibana_client.hpp"
#include "protocol/beast_transport.hpp"
#include "sources/testing/fake_source.hpp"

namespace connectors::ftest {

namespace json = boost::json;
using namespace std::chrono_literals;

// Time that runs `factor` times faster than the real clock, wall and steady alike, from the
// moment it is made. Sleeps last 1/factor of what they ask.
class ScaledClock final : public core::Clock {
 public:
  explicit ScaledClock(int factor)
      : factor_(factor), wall_start_(std::chrono::system_clock::now()), steady_start_(std::chrono::steady_clock::now()) {}

  core::WallTime now() const override {
    return wall_start_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed() * factor_);
  }
  core::SteadyTime steady_now() const override { return steady_start_ + elapsed() * factor_; }
  bool sleep_for(core::Millis duration, std::stop_token stop) override {
    return real_.sleep_for(std::max(core::Millis{1}, duration / factor_), stop);
  }

 private:
  std::chrono::steady_clock::duration elapsed() const { return std::chrono::steady_clock::now() - steady_start_; }

  int factor_;
  core::WallTime wall_start_;
  core::SteadyTime steady_start_;
  core::SystemClock real_;
};

// Polls `condition` every 50 ms until it holds; false after `timeout`.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
}

inline std::string text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : (v ? json::serialize(*v) : "<absent>");
}

class ServiceTest : public ::testing::Test {
 protected:
  // One emulator for the whole executable; `extra_args` go to es-emulator (e.g. --license).
  static void start_emulator(const std::vector<std::string>& extra_args = {}) {
    dir_ = new TempDir("service-test-");
    emulator_ = new EsEmulatorProcess(
        EsEmulatorProcess::start(CONNECTORS_ES_EMULATOR_PATH, dir_->path() + "/es.log", extra_args));
    protocol::BeastTransportSettings t;
    t.url = emulator_->url();
    transport_ = new protocol::BeastTransport(t);
  }
  static void SetUpTestSuite() { start_emulator(); }
  static void TearDownTestSuite() {
    delete transport_;
    delete emulator_;
    delete dir_;
    transport_ = nullptr;
    emulator_ = nullptr;
    dir_ = nullptr;
  }

  void SetUp() override {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    id_ = "c-" + name;
    index_ = "search-" + name;
    config_.elasticsearch.host = emulator_->url();
    config_.elasticsearch.max_retries = 2;
    config_.elasticsearch.retry_interval = 1s;
    config_.service.idling = 1s;
    config_.elasticsearch.bulk.chunk_size = 10;  // several _bulk requests even for small syncs
    config_.connectors = {{id_, sources::testing::kFakeServiceType, std::nullopt}};
    registry_.add(sources::testing::make_fake_descriptor(probe_));
    registry_.add(sources::testing::make_fake_dls_descriptor(probe_));
    es_ = std::make_unique<protocol::EsClient>(*transport_, service::es_client_settings(config_.elasticsearch), clock_);
    context_ = make_context(clock_);
    kibana_ = std::make_unique<KibanaClient>(*es_);
    kibana_->create_connector({id_, "integration", index_, sources::testing::kFakeServiceType}, {});
  }

  // A context for the service's parts with another clock (the connector pass under a
  // ManualClock...). `config_` and the registry are shared.
  std::unique_ptr<service::ServiceContext> make_context(core::Clock& clock) {
    auto es = std::make_unique<protocol::EsClient>(*transport_, service::es_client_settings(config_.elasticsearch), clock);
    auto context = std::make_unique<service::ServiceContext>(
        service::ServiceContext{config_, registry_, clock, *transport_, *es, "test-host"});
    clients_.push_back(std::move(es));
    return context;
  }

  // Kibana's configuration form: the source's schema with these values (status: configured).
  void configure(const std::string& values_json, const std::string& connector_id = "",
                 const std::string& service_type = sources::testing::kFakeServiceType) {
    json::object configuration =
        service::preparation_patch(protocol::ConnectorDocument::from_hit(json::parse(R"({"_id":"x","_source":{}})")),
                                   *registry_.find(service_type), service_type)
            .at("configuration")
            .as_object();
    const json::value values = json::parse(values_json);
    for (const auto& [key, value] : values.as_object()) configuration[key].as_object()["value"] = value;
    kibana_->set_configuration(connector_id.empty() ? id_ : connector_id, configuration, {});
  }

  // A service type only this test uses: worker mode finds connectors by type, and the tests
  // of an executable share one emulator. A copy of the fake source (or fake_dls) renamed.
  std::string own_type(const std::string& base = sources::testing::kFakeServiceType) {
    sources::SourceDescriptor d = base == sources::testing::kFakeServiceType
                                      ? sources::testing::make_fake_descriptor(probe_)
                                      : sources::testing::make_fake_dls_descriptor(probe_);
    d.service_type = base + "-" + id_;
    const std::string type = d.service_type;
    if (!registry_.find(type)) registry_.add(std::move(d));
    return type;
  }

  // Another connector managed by this test's configuration.
  void add_connector(const std::string& id, const std::string& index,
                     const std::string& service_type = sources::testing::kFakeServiceType) {
    kibana_->create_connector({id, "integration", index, service_type}, {});
    config_.connectors.push_back({id, service_type, std::nullopt});
  }

  json::object connector(const std::string& id = "") { return kibana_->get_connector(id.empty() ? id_ : id, {}); }
  json::object job(const std::string& job_id) { return kibana_->get_job(job_id, {}); }

  json::value request(protocol::HttpMethod method, const std::string& path, const std::string& body = "") {
    return es_->request_json(method, path, body, {}, {});
  }
  // A direct partial update of a document, as another writer (or a crashed one) leaves it.
  void update_doc(std::string_view index, const std::string& id, const std::string& doc_json) {
    es_->request(protocol::HttpMethod::kPost, std::string("/") + std::string(index) + "/_update/" + id + "?refresh=true",
                 R"({"doc":)" + doc_json + "}", {}, {});
  }

  // Every sync job of a connector, newest first.
  std::vector<json::object> jobs_of(const std::string& connector_id = "") {
    const json::value list = request(protocol::HttpMethod::kGet,
                                     "/_connector/_sync_job?size=100&connector_id=" +
                                         protocol::encode_path_segment(connector_id.empty() ? id_ : connector_id));
    std::vector<json::object> jobs;
    for (const auto& j : list.at("results").as_array()) jobs.push_back(j.as_object());
    return jobs;
  }

  std::string create_job(const std::string& job_type, const std::string& connector_id = "") {
    const json::value r = request(protocol::HttpMethod::kPost, "/_connector/_sync_job",
                                  json::serialize(json::object{{"id", connector_id.empty() ? id_ : connector_id},
                                                               {"job_type", job_type},
                                                               {"trigger_method", "on_demand"}}));
    return std::string(r.at("id").as_string());
  }

  // Polls as the execution loop does until a job starts (searches see a job only after the
  // index's refresh, as in Elasticsearch), then waits for the jobs started to end.
  json::object run_jobs(const std::string& job_id, std::stop_token stop = {},
                        service::JobKind kind = service::JobKind::kContent,
                        service::ServiceContext* context = nullptr) {
    service::JobExecution execution(context ? *context : *context_, kind);
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (execution.running() == 0 && !stop.stop_requested() && std::chrono::steady_clock::now() < deadline) {
      execution.poll(stop);
      if (execution.running() == 0) std::this_thread::sleep_for(100ms);
    }
    execution.wait_all();
    return job(job_id);
  }

  void wait_for_status(const std::string& job_id, const std::string& status, std::chrono::milliseconds timeout = 30s) {
    ASSERT_TRUE(eventually([&] { return text(job(job_id), "status") == status; }, timeout))
        << "job " << job_id << " never reached " << status << ", it is " << text(job(job_id), "status");
  }

  static inline TempDir* dir_ = nullptr;
  static inline EsEmulatorProcess* emulator_ = nullptr;
  static inline protocol::BeastTransport* transport_ = nullptr;

  std::string id_;
  std::string index_;
  service::Config config_;
  std::shared_ptr<sources::testing::FakeProbe> probe_ = std::make_shared<sources::testing::FakeProbe>();
  sources::SourceRegistry registry_;
  core::SystemClock clock_;
  std::vector<std::unique_ptr<protocol::EsClient>> clients_;
  std::unique_ptr<protocol::EsClient> es_;
  std::unique_ptr<service::ServiceContext> context_;
  std::unique_ptr<KibanaClient> kibana_;
};

}  // namespace connectors::ftest
