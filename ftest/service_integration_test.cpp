// The service's loops and job runner against a real es-emulator over real HTTP, with the
// fake source standing in for PostgreSQL: the connector protocol end to end, in process.

#include <gtest/gtest.h>

#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "connector/connector_pass.hpp"
#include "connector/connector_preparation.hpp"
#include "connector/job_execution.hpp"
#include "connector/service_context.hpp"
#include "ftest/stack/es_emulator_process.hpp"
#include "ftest/stack/kibana_client.hpp"
#include "protocol/beast_transport.hpp"
#include "sources/testing/fake_source.hpp"

namespace connectors::ftest {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class ServiceIntegration : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("service-integration-");
    emulator_ = new EsEmulatorProcess(EsEmulatorProcess::start(CONNECTORS_ES_EMULATOR_PATH, dir_->path() + "/es.log"));
    protocol::BeastTransportSettings t;
    t.url = emulator_->url();
    transport_ = new protocol::BeastTransport(t);
  }
  static void TearDownTestSuite() {
    delete transport_;
    delete emulator_;
    delete dir_;
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
    registry_.add(sources::testing::make_fake_descriptor());
    es_ = std::make_unique<protocol::EsClient>(*transport_, service::es_client_settings(config_.elasticsearch), clock_);
    context_ = std::make_unique<service::ServiceContext>(
        service::ServiceContext{config_, registry_, clock_, *transport_, *es_, "test-host"});
    kibana_ = std::make_unique<KibanaClient>(*es_);
    kibana_->create_connector({id_, "integration", index_, sources::testing::kFakeServiceType}, {});
  }

  // Kibana's configuration form: the schema with these values.
  void configure(const std::string& values_json) {
    json::object configuration = service::preparation_patch(
        protocol::ConnectorDocument::from_hit(json::parse(R"({"_id":"x","_source":{}})")),
        *registry_.find(sources::testing::kFakeServiceType), "fake").at("configuration").as_object();
    const json::value values = json::parse(values_json);
    for (const auto& [key, value] : values.as_object()) configuration[key].as_object()["value"] = value;
    kibana_->set_configuration(id_, configuration, {});
  }

  json::object connector() { return kibana_->get_connector(id_, {}); }
  json::object job(const std::string& job_id) { return kibana_->get_job(job_id, {}); }

  // Polls as the sync_content loop does until a job starts (searches see a job only after
  // the index's refresh, as in Elasticsearch), then waits for it to end.
  json::object run_jobs(const std::string& job_id, std::stop_token stop = {}) {
    service::JobExecution execution(*context_);
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (execution.running() == 0 && !stop.stop_requested() && std::chrono::steady_clock::now() < deadline) {
      execution.poll(stop);
      if (execution.running() == 0) std::this_thread::sleep_for(100ms);
    }
    execution.wait_all();
    return job(job_id);
  }

  void wait_for_status(const std::string& job_id, const std::string& status) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (job(job_id).at("status").as_string() == status) return;
      std::this_thread::sleep_for(50ms);
    }
    FAIL() << "job " << job_id << " never reached " << status;
  }

  std::string text(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : (v ? json::serialize(*v) : "<absent>");
  }

  static inline TempDir* dir_ = nullptr;
  static inline EsEmulatorProcess* emulator_ = nullptr;
  static inline protocol::BeastTransport* transport_ = nullptr;

  std::string id_;
  std::string index_;
  service::Config config_;
  sources::SourceRegistry registry_;
  core::SystemClock clock_;
  std::unique_ptr<protocol::EsClient> es_;
  std::unique_ptr<service::ServiceContext> context_;
  std::unique_ptr<KibanaClient> kibana_;
};

TEST_F(ServiceIntegration, FirstPassWritesTheDefaultConfigurationAndWaitsForTheUser) {
  service::ConnectorPass(*context_).run({});
  const json::object c = connector();
  EXPECT_EQ(text(c, "status"), "needs_configuration");
  const json::object& configuration = c.at("configuration").as_object();
  EXPECT_EQ(configuration.size(), 7u);
  EXPECT_EQ(configuration.at("documents").as_object().size(), 13u);
  EXPECT_EQ(c.at("features"), json::value(service::features_json(registry_.find("fake")->features)));
  EXPECT_TRUE(c.at("last_seen").is_string());
}

TEST_F(ServiceIntegration, HealthPassMarksTheConnectorConnectedOrInErrorWithTheMessage) {
  configure(R"({"documents": 3})");
  service::ConnectorPass pass(*context_);
  pass.run({});
  EXPECT_EQ(text(connector(), "status"), "connected");
  EXPECT_TRUE(connector().at("error").is_null());

  configure(R"({"ping_error": "database is down"})");
  pass.run({});
  EXPECT_EQ(text(connector(), "status"), "error");
  EXPECT_EQ(text(connector(), "error"), "database is down");
}

TEST_F(ServiceIntegration, FullSyncIndexesEveryDocumentAndReportsOnJobAndConnector) {
  configure(R"({"documents": 25})");
  const std::string job_id = kibana_->press_sync(id_, {});
  const json::object j = run_jobs(job_id);
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 25);
  EXPECT_EQ(j.at("deleted_document_count").to_number<int>(), 0);
  EXPECT_EQ(j.at("total_document_count").to_number<int>(), 25);
  EXPECT_EQ(text(j, "worker_hostname"), "test-host");
  EXPECT_TRUE(j.at("completed_at").is_string());
  EXPECT_TRUE(j.at("error").is_null());

  const json::object c = connector();
  EXPECT_EQ(text(c, "last_sync_status"), "completed");
  EXPECT_EQ(text(c, "status"), "connected");
  EXPECT_EQ(c.at("last_indexed_document_count").to_number<int>(), 25);
  EXPECT_EQ(c.at("last_deleted_document_count").to_number<int>(), 0);
  EXPECT_TRUE(c.at("last_synced").is_string());

  EXPECT_EQ(kibana_->count(index_, {}), 25);
  const json::object hit = kibana_->first_document(index_, {});
  const json::object& doc = hit.at("_source").as_object();
  EXPECT_EQ(text(doc, "id"), text(hit, "_id"));
  EXPECT_TRUE(doc.contains("n"));
  EXPECT_FALSE(doc.contains("_extract_binary_content"));  // consumed by the ingest pipeline
}

TEST_F(ServiceIntegration, FullSyncDeletesDocumentsTheSourceNoLongerHas) {
  configure(R"({"documents": 20})");
  ASSERT_EQ(text(run_jobs(kibana_->press_sync(id_, {})), "status"), "completed");
  ASSERT_EQ(kibana_->count(index_, {}), 20);

  configure(R"({"documents": 15})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 15);
  EXPECT_EQ(j.at("deleted_document_count").to_number<int>(), 5);
  EXPECT_EQ(kibana_->count(index_, {}), 15);
  EXPECT_EQ(connector().at("last_deleted_document_count").to_number<int>(), 5);
}

TEST_F(ServiceIntegration, SourceFailureFailsTheJobAndKeepsTheIndexAsItWas) {
  configure(R"({"documents": 12})");
  ASSERT_EQ(text(run_jobs(kibana_->press_sync(id_, {})), "status"), "completed");

  configure(R"({"documents": 12, "fail_after": 3})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"), "FakeSourceError: boom after 3 documents");
  EXPECT_TRUE(j.at("completed_at").is_string());
  const json::object c = connector();
  EXPECT_EQ(text(c, "status"), "error");
  EXPECT_EQ(text(c, "last_sync_status"), "error");
  EXPECT_EQ(text(c, "last_sync_error"), "FakeSourceError: boom after 3 documents");
  EXPECT_EQ(kibana_->count(index_, {}), 12);  // no stale deletion after a failed read
}

TEST_F(ServiceIntegration, APartTheSourceCannotReadKeepsItsDocumentsAndFailsTheJob) {
  configure(R"({"documents": 20})");
  ASSERT_EQ(text(run_jobs(kibana_->press_sync(id_, {})), "status"), "completed");

  // fake_1..fake_5 are read; the part "fake_1*" (fake_1, fake_10..fake_19) is unreadable.
  configure(R"({"documents": 5, "skip_prefix": "fake_1"})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"),
            "PartialSyncError: 1 part of the source could not be read; their documents were kept: "
            "fake part 'fake_1' is unreadable");
  EXPECT_EQ(j.at("deleted_document_count").to_number<int>(), 5);  // fake_6..fake_9, fake_20
  EXPECT_EQ(kibana_->count(index_, {}), 15);
  EXPECT_EQ(text(connector(), "last_sync_status"), "error");
}

TEST_F(ServiceIntegration, ShutdownSuspendsARunningJobAndTheNextRunCompletesIt) {
  configure(R"({"documents": 400, "delay_ms": 10})");
  const std::string job_id = kibana_->press_sync(id_, {});
  std::stop_source stop;
  std::thread runner([&] { run_jobs(job_id, stop.get_token()); });
  wait_for_status(job_id, "in_progress");
  std::this_thread::sleep_for(300ms);
  stop.request_stop();
  runner.join();
  const json::object suspended = job(job_id);
  EXPECT_EQ(text(suspended, "status"), "suspended");
  EXPECT_FALSE(suspended.contains("completed_at") && suspended.at("completed_at").is_string());
  EXPECT_EQ(text(connector(), "last_sync_status"), "suspended");

  configure(R"({"documents": 40})");  // the job keeps its own snapshot of the configuration
  const json::object resumed = run_jobs(job_id);
  EXPECT_EQ(text(resumed, "status"), "completed") << text(resumed, "error");
  EXPECT_EQ(resumed.at("indexed_document_count").to_number<int>(), 400);
}

TEST_F(ServiceIntegration, CancelFromKibanaCancelsTheRunningJob) {
  configure(R"({"documents": 2000, "delay_ms": 10})");
  const std::string job_id = kibana_->press_sync(id_, {});
  std::thread runner([&] { run_jobs(job_id); });
  wait_for_status(job_id, "in_progress");
  es_->request(protocol::HttpMethod::kPut, "/_connector/_sync_job/" + job_id + "/_cancel", {}, {}, {});
  runner.join();
  const json::object j = job(job_id);
  EXPECT_EQ(text(j, "status"), "canceled");
  EXPECT_TRUE(j.at("canceled_at").is_string());
  EXPECT_TRUE(j.at("completed_at").is_string());
  EXPECT_EQ(text(connector(), "last_sync_status"), "canceled");
  EXPECT_EQ(text(connector(), "status"), "connected");
}

TEST_F(ServiceIntegration, AJobWaitsWhileItsConnectorIsSyncingElsewhere) {
  configure(R"({"documents": 5})");
  es_->request(protocol::HttpMethod::kPost, "/.elastic-connectors/_update/" + id_,
               R"({"doc":{"last_sync_status":"in_progress"}})", {}, {});
  const std::string job_id = kibana_->press_sync(id_, {});
  service::JobExecution execution(*context_);
  execution.poll({});
  EXPECT_EQ(execution.running(), 0u);
  execution.wait_all();
  EXPECT_EQ(text(job(job_id), "status"), "pending");
}

TEST_F(ServiceIntegration, IdsLongerThan512BytesAreReplacedByTheirMd5) {
  configure(R"({"documents": 2, "id_prefix": ")" + std::string(600, 'k') + R"("})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  ASSERT_EQ(text(j, "status"), "completed") << text(j, "error");
  const json::object hit = kibana_->first_document(index_, {});
  EXPECT_EQ(text(hit, "_id").size(), 32u);
  EXPECT_EQ(text(hit.at("_source").as_object(), "id"), text(hit, "_id"));
}

}  // namespace
}  // namespace connectors::ftest
