// The service as users run it: elastic-ingest processes (with the test sources added) against
// one es-emulator. Start-up and its failures, SIGTERM, SIGKILL, and two or three instances
// sharing the work. The numbers in the comments are the behaviours of
// connector-protocol.md §7.

#include <signal.h>

#include <deque>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "ftest/service_test_fixture.hpp"
#include "ftest/stack/service_process.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

class ServiceProcessTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    work_ = std::make_unique<TempDir>("service-process-");
  }
  void TearDown() override {
    for (auto& s : services_) s.stop(std::chrono::seconds{10});
  }

  // config.yml for elastic-ingest: this test's connector, `idling: 1` unless told.
  std::string write_config(const std::string& es_url, const std::string& connector_id = "",
                           const std::string& extra = "", int idling = 1) {
    const std::string path = work_->path() + "/config-" + std::to_string(configs_++) + ".yml";
    std::ofstream out(path);
    out << "elasticsearch:\n  host: " << es_url << "\n  max_retries: 2\n  retry_interval: 1\n"
        << "  max_wait_duration: 3\n"
        << "service:\n  idling: " << idling << "\n"
        << "connectors:\n  - connector_id: " << (connector_id.empty() ? id_ : connector_id)
        << "\n    service_type: fake\n"
        << extra;
    return path;
  }

  std::string log_path(std::size_t instance) const {
    return work_->path() + "/elastic-ingest-" + std::to_string(instance) + ".log";
  }

  ServiceProcess& start(const std::string& config, bool allow_version_mismatch = true) {
    ServiceOptions options;
    options.binary = CONNECTORS_ELASTIC_INGEST_WITH_FAKE_PATH;
    options.config_file = config;
    options.log_file = log_path(services_.size());
    options.extra_args = {"--debug"};
    if (allow_version_mismatch) options.env = {{"ALLOW_ES_VERSION_MISMATCH", "true"}};
    services_.push_back(ServiceProcess::start(options));
    return services_.back();
  }

  // Exit code of a service expected to stop by itself.
  int exit_code(ServiceProcess& service, std::chrono::seconds timeout = 30s) {
    const auto status = service.process().wait_for(timeout);
    if (!status) return -1000;
    return status->term_signal != 0 ? -status->term_signal : status->exit_code;
  }

  std::string all_logs() const {
    std::string text;
    for (std::size_t i = 0; i < services_.size(); ++i) text += read_file(log_path(i));
    return text;
  }

  bool index_exists(protocol::EsClient& es, const std::string& index) {
    protocol::RequestOptions options;
    options.accept_statuses = {404};
    return es.request(HttpMethod::kHead, "/" + index, {}, options, {}).status == 200;
  }

  void set_faults(const std::string& body) { request(HttpMethod::kPut, "/_emulator/faults", body); }

  std::unique_ptr<TempDir> work_;
  std::deque<ServiceProcess> services_;  // references stay valid as more start
  int configs_ = 0;
};

// 1 / preflight: a failed preflight is a non-zero exit (Elastic's service exits 0).
TEST_F(ServiceProcessTest, APreflightFailureIsANonZeroExit) {
  // A placeholder connector id.
  EXPECT_EQ(exit_code(start(write_config(emulator_->url(), "changeme"))), 1);
  // Worker mode without service types.
  EXPECT_EQ(exit_code(start(write_config(emulator_->url(), "", "service.worker_mode: true\n"))), 1);
  // No connector at all.
  const std::string empty = work_->path() + "/no-connectors.yml";
  std::ofstream(empty) << "elasticsearch:\n  host: " << emulator_->url() << "\n";
  EXPECT_EQ(exit_code(start(empty)), 1);
  // Nothing answers.
  EXPECT_EQ(exit_code(start(write_config("http://127.0.0.1:" + std::to_string(find_free_port())))), 1);
  const std::string logs = all_logs();
  EXPECT_EQ(count_of(logs, "Preflight failed"), 4u) << logs;
  EXPECT_NE(logs.find("connector `changeme` in config.yml is a placeholder"), std::string::npos);
  EXPECT_NE(logs.find("service.worker_mode is true but service.service_types is empty"), std::string::npos);
  EXPECT_NE(logs.find("no connector is configured"), std::string::npos);
}

// 14. SIGINT (what Ctrl-C and Elastic's ftest send) suspends a running sync as SIGTERM does.
TEST_F(ServiceProcessTest, SigintSuspendsTheSync) {
  configure(R"({"documents": 300, "delay_ms": 10})");
  const std::string job_id = kibana_->press_sync(id_, {});
  ServiceProcess& service = start(write_config(emulator_->url()));
  wait_for_status(job_id, "in_progress");
  service.process().send_signal(SIGINT);
  EXPECT_EQ(exit_code(service), 0);
  const json::object suspended = job(job_id);
  EXPECT_EQ(text(suspended, "status"), "suspended");
  EXPECT_TRUE(!suspended.contains("completed_at") || suspended.at("completed_at").is_null());
  EXPECT_LT(suspended.at("indexed_document_count").to_number<int>(), 300);
  EXPECT_EQ(text(connector(), "last_sync_status"), "suspended");
  EXPECT_EQ(text(connector(), "status"), "connected");
}

// A loop that keeps failing (every search of the connectors refused here) stops the service
// with a non-zero exit once it failed more than service.max_errors times within
// service.max_errors_span, for a supervisor to restart it.
TEST_F(ServiceProcessTest, ALoopThatKeepsFailingStopsTheServiceWithANonZeroExit) {
  set_faults(R"({"faults":[{"kind":"status","status":400,"scope":{"path":"/.elastic-connectors/_search"}}]})");
  const int code = exit_code(start(write_config(emulator_->url(), "", "service.max_errors: 2\n")));
  request(HttpMethod::kDelete, "/_emulator/faults");
  EXPECT_EQ(code, 1);
  EXPECT_NE(all_logs().find("more than 2 errors in 600s, stopping"), std::string::npos) << all_logs();
}

// 1. Bootstrap: the system indices are created before anything else; an Elasticsearch whose
// version is too old is refused.
TEST_F(ServiceProcessTest, BootstrapCreatesTheSystemIndicesAndRefusesOldVersions) {
  {
    TempDir dir("old-es-");
    EsEmulatorProcess old_es =
        EsEmulatorProcess::start(CONNECTORS_ES_EMULATOR_PATH, dir.path() + "/es.log", {"--es-version", "7.17.0"});
    protocol::BeastTransport transport({.url = old_es.url()});
    protocol::EsClient es(transport, {.host = old_es.url()}, clock_);
    EXPECT_EQ(exit_code(start(write_config(old_es.url()), /*allow_version_mismatch=*/false)), 1);
    EXPECT_NE(all_logs().find("is too old"), std::string::npos);
    EXPECT_FALSE(index_exists(es, ".elastic-connectors-v1"));
    // ALLOW_ES_VERSION_MISMATCH=true skips the check.
    ServiceProcess& allowed = start(write_config(old_es.url()), /*allow_version_mismatch=*/true);
    EXPECT_TRUE(eventually([&] { return index_exists(es, ".elastic-connectors-v1"); }));
    EXPECT_EQ(allowed.stop().exit_code, 0);
  }
  TempDir dir("fresh-es-");
  EsEmulatorProcess fresh = EsEmulatorProcess::start(CONNECTORS_ES_EMULATOR_PATH, dir.path() + "/es.log");
  protocol::BeastTransport transport({.url = fresh.url()});
  protocol::EsClient es(transport, {.host = fresh.url()}, clock_);
  ASSERT_FALSE(index_exists(es, ".elastic-connectors-v1"));
  ServiceProcess& service = start(write_config(fresh.url()));
  EXPECT_TRUE(eventually([&] {
    return index_exists(es, ".elastic-connectors-v1") && index_exists(es, ".elastic-connectors-sync-jobs-v1");
  }));
  EXPECT_TRUE(service.running());
  EXPECT_EQ(service.stop().exit_code, 0);
}

// 6. The schedule loop wakes up for a due occurrence: with `idling: 30`, a schedule "every two
// seconds" still creates a job every two seconds (Elastic's service: one per minute at best).
TEST_F(ServiceProcessTest, TheScheduleLoopWakesUpForEachOccurrenceWithinTheIdlingPeriod) {
  configure(R"({"documents": 1})");
  kibana_->set_full_schedule(id_, true, "*/2 * * * * ?", {});
  ServiceProcess& service = start(write_config(emulator_->url(), "", "", /*idling=*/30));
  auto scheduled = [&] {
    std::size_t n = 0;
    for (auto& j : jobs_of()) n += text(j, "trigger_method") == "scheduled";
    return n;
  };
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(eventually([&] { return scheduled() >= 3; }, 20s)) << scheduled() << " scheduled";
  EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);
  kibana_->set_full_schedule(id_, false, "*/2 * * * * ?", {});
  EXPECT_EQ(service.stop().exit_code, 0);
}

// 14. SIGTERM during a sync suspends the job; the next start claims it again and completes it.
TEST_F(ServiceProcessTest, SigtermSuspendsTheSyncAndTheNextStartCompletesIt) {
  configure(R"({"documents": 300, "delay_ms": 10})");
  const std::string job_id = kibana_->press_sync(id_, {});
  const std::string config = write_config(emulator_->url());
  ServiceProcess& first = start(config);
  wait_for_status(job_id, "in_progress");
  first.process().send_signal(SIGTERM);
  EXPECT_EQ(exit_code(first), 0);
  const json::object suspended = job(job_id);
  EXPECT_EQ(text(suspended, "status"), "suspended");
  EXPECT_EQ(text(connector(), "last_sync_status"), "suspended");
  EXPECT_TRUE(connector().at("last_synced").is_string());

  start(config);
  wait_for_status(job_id, "completed", 60s);
  EXPECT_EQ(job(job_id).at("indexed_document_count").to_number<int>(), 300);
  EXPECT_EQ(text(connector(), "last_sync_status"), "completed");
}

// Weak spot: an instance killed in the middle of a sync. Its job and its connector stay
// in_progress; once the job has not been seen for 300 s the cleanup of the next instance
// (first pass at start-up) fails it, and the connector syncs again.
TEST_F(ServiceProcessTest, AnInstanceKilledDuringASyncDoesNotBlockTheConnector) {
  configure(R"({"documents": 400, "delay_ms": 10})");
  const std::string killed_job = kibana_->press_sync(id_, {});
  const std::string config = write_config(emulator_->url());
  ServiceProcess& victim = start(config);
  wait_for_status(killed_job, "in_progress");
  victim.process().send_signal(SIGKILL);
  EXPECT_EQ(exit_code(victim), -SIGKILL);
  EXPECT_EQ(text(job(killed_job), "status"), "in_progress");
  EXPECT_EQ(text(connector(), "last_sync_status"), "in_progress");

  configure(R"({"documents": 5})");
  const std::string next_job = kibana_->press_sync(id_, {});
  // The 300 s without an update have passed (the dead instance cannot refresh last_seen).
  update_doc(".elastic-connectors-sync-jobs", killed_job, R"({"last_seen":"2020-01-01T00:00:00Z"})");
  start(config);
  wait_for_status(next_job, "completed", 30s);
  const json::object failed = job(killed_job);
  EXPECT_EQ(text(failed, "status"), "error");
  EXPECT_EQ(text(failed, "error"), "The job has not seen any update for some time.");
}

// Weak spot: an instance killed after marking the connector in_progress and before claiming
// the job (held back here by failing claims). Elastic's service never syncs that connector
// again; this one resets the mark after the grace period and runs the job.
TEST_F(ServiceProcessTest, AnInstanceKilledBeforeItClaimedDoesNotBlockTheConnector) {
  configure(R"({"documents": 5})");
  const std::string job_id = kibana_->press_sync(id_, {});
  set_faults(R"({"faults":[{"kind":"status","status":503,"scope":{"path":"/_connector/_sync_job/*/_claim"}}]})");
  const std::string config = write_config(emulator_->url());
  ServiceProcess& victim = start(config);
  ASSERT_TRUE(eventually([&] { return text(connector(), "last_sync_status") == "in_progress"; }));
  victim.process().send_signal(SIGKILL);
  EXPECT_EQ(exit_code(victim), -SIGKILL);
  request(HttpMethod::kDelete, "/_emulator/faults");
  ASSERT_EQ(text(job(job_id), "status"), "pending");
  ASSERT_EQ(text(connector(), "last_sync_status"), "in_progress");

  const auto restarted = std::chrono::steady_clock::now();
  start(config);
  wait_for_status(job_id, "completed", 60s);
  EXPECT_GE(std::chrono::steady_clock::now() - restarted, service::kMinStaleSyncGrace - 1s);
  EXPECT_EQ(text(connector(), "last_sync_status"), "completed");
}

// 6, and point 9 of the issue: several instances share the jobs (each runs exactly once) and
// the schedule (one job per occurrence).
class SeveralInstances : public ServiceProcessTest {
 protected:
  void share_the_work(std::size_t instances) {
    configure(R"({"documents": 20, "delay_ms": 5})");
    std::vector<std::string> on_demand;
    for (int i = 0; i < 6; ++i) on_demand.push_back(kibana_->press_sync(id_, {}));
    const std::string config = write_config(emulator_->url());
    for (std::size_t i = 0; i < instances; ++i) start(config);
    for (const auto& job_id : on_demand) wait_for_status(job_id, "completed", 60s);

    // Every two seconds, until four occurrences have been scheduled.
    kibana_->set_full_schedule(id_, true, "*/2 * * * * ?", {});
    EXPECT_TRUE(eventually(
        [&] {
          std::size_t n = 0;
          for (auto& j : jobs_of()) n += text(j, "trigger_method") == "scheduled";
          return n >= 4;
        },
        30s));
    kibana_->set_full_schedule(id_, false, "*/2 * * * * ?", {});
    std::vector<json::object> scheduled;
    ASSERT_TRUE(eventually(
        [&] {
          scheduled.clear();
          bool done = true;
          for (auto& j : jobs_of()) {
            if (text(j, "trigger_method") != "scheduled") continue;
            scheduled.push_back(j);
            done = done && text(j, "status") == "completed";
          }
          return done;
        },
        60s));
    EXPECT_GE(scheduled.size(), 3u);
    // One job per occurrence: every instance logs the occurrence it scheduled (at DEBUG).
    const std::string logs = all_logs();
    std::map<std::string, int> occurrences;
    const std::regex line("Scheduled 'full' occurrence (\\S+) as job (\\S+)");
    for (auto it = std::sregex_iterator(logs.begin(), logs.end(), line); it != std::sregex_iterator(); ++it) {
      ++occurrences[(*it)[1].str()];
    }
    EXPECT_EQ(occurrences.size(), scheduled.size());
    for (const auto& [occurrence, jobs] : occurrences) EXPECT_EQ(jobs, 1) << occurrence;

    // Every job ran exactly once, across the instances.
    std::size_t instances_that_worked = 0;
    for (std::size_t i = 0; i < services_.size(); ++i) {
      instances_that_worked += read_file(log_path(i)).find("] Claimed full sync job") != std::string::npos;
    }
    for (const auto& j : jobs_of()) {
      const std::string job_id = text(j, "id");
      EXPECT_EQ(text(j, "status"), "completed") << job_id;
      EXPECT_EQ(count_of(logs, "Sync job id: " + job_id + "] Claimed"), 1u) << job_id;
      EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 20) << job_id;
    }
    EXPECT_GE(instances_that_worked, 1u);
    for (auto& s : services_) EXPECT_EQ(s.stop().exit_code, 0);
  }
};

TEST_F(SeveralInstances, TwoInstancesRunEveryJobOnceAndScheduleEveryOccurrenceOnce) { share_the_work(2); }

TEST_F(SeveralInstances, ThreeInstancesRunEveryJobOnceAndScheduleEveryOccurrenceOnce) { share_the_work(3); }

}  // namespace
}  // namespace connectors::ftest
