// Sync jobs end to end, in process: the job execution loop and runner against a real
// es-emulator over real HTTP, with the fake source standing in for PostgreSQL. The numbers in
// the comments are the behaviours of connector-protocol.md §7.

#include <chrono>
#include <functional>
#include <thread>
#include <utility>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <gmock/gmock.h>

#include "ftest/service_test_fixture.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

class JobLifecycle : public ServiceTest {
 protected:
  // A slow job (2000 documents, 10 ms each) running on a clock 10x faster, so that its job
  // check comes every 0.5 s; `interrupt` acts on it once it is in_progress. Returns the job's
  // id and how long the job ran on after the interruption.
  std::pair<std::string, std::chrono::steady_clock::duration> interrupt_running_job(
      const std::function<void(const std::string& job_id)>& interrupt) {
    ScaledClock fast(10);
    auto context = make_context(fast);
    configure(R"({"documents": 2000, "delay_ms": 10})");
    const std::string job_id = kibana_->press_sync(id_, {});
    std::thread runner([&] { run_jobs(job_id, {}, service::JobKind::kContent, context.get()); });
    wait_for_status(job_id, "in_progress");
    const auto interrupted_at = std::chrono::steady_clock::now();
    interrupt(job_id);
    runner.join();
    return {job_id, std::chrono::steady_clock::now() - interrupted_at};
  }
};

// What the service logs while it lives (the default logger's lines, formatted).
class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000)) {
    spdlog::default_logger()->sinks().push_back(sink_);
  }
  ~LogCapture() {
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
  }
  std::string text() const {
    std::string out;
    for (const auto& line : sink_->last_formatted()) out += line;
    return out;
  }

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

// The requests the service sends, with the credentials each one carries.
class RecordingTransport final : public protocol::HttpTransport {
 public:
  struct Sent {
    std::string target;
    std::string authorization;
  };
  explicit RecordingTransport(protocol::HttpTransport& inner) : inner_(inner) {}
  protocol::HttpResponse send(const protocol::HttpRequest& request, std::chrono::milliseconds timeout) override {
    Sent sent{request.target, ""};
    for (const auto& h : request.headers) {
      if (h.name == "Authorization") sent.authorization = h.value;
    }
    {
      std::lock_guard lock(mutex_);
      sent_.push_back(std::move(sent));
    }
    return inner_.send(request, timeout);
  }
  std::vector<Sent> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  protocol::HttpTransport& inner_;
  mutable std::mutex mutex_;
  std::vector<Sent> sent_;
};

// 7. Claim: job in_progress with the host name, started_at, last_seen; connector marked.
TEST_F(JobLifecycle, ClaimMarksTheJobAndTheConnector) {
  ScaledClock fast(10);  // the cancel at the end is seen within 0.5 s instead of 5 s
  auto context = make_context(fast);
  configure(R"({"documents": 2000, "delay_ms": 5})");
  const std::string job_id = kibana_->press_sync(id_, {});
  std::thread runner([&] { run_jobs(job_id, {}, service::JobKind::kContent, context.get()); });
  wait_for_status(job_id, "in_progress");
  const json::object j = job(job_id);
  EXPECT_EQ(text(j, "worker_hostname"), "test-host");
  EXPECT_TRUE(j.at("started_at").is_string());
  EXPECT_TRUE(j.at("last_seen").is_string());
  const json::object c = connector();
  EXPECT_EQ(text(c, "last_sync_status"), "in_progress");
  EXPECT_TRUE(c.at("last_sync_error").is_null());
  EXPECT_EQ(text(c, "status"), "connected");
  request(HttpMethod::kPut, "/_connector/_sync_job/" + job_id + "/_cancel");
  runner.join();
}

// 8. Progress: last_seen and the counters advance every 10 s (here 0.5 s: time runs 20x faster).
TEST_F(JobLifecycle, ProgressIsReportedEveryTenSeconds) {
  ScaledClock fast(20);
  auto context = make_context(fast);
  configure(R"({"documents": 50, "delay_ms": 50})");
  const std::string job_id = kibana_->press_sync(id_, {});
  std::thread runner([&] { run_jobs(job_id, {}, service::JobKind::kContent, context.get()); });
  wait_for_status(job_id, "in_progress");
  const auto started = std::chrono::steady_clock::now();
  std::set<std::string> last_seen;
  std::vector<std::int64_t> indexed;
  while (true) {
    const json::object j = job(job_id);
    if (text(j, "status") != "in_progress") break;
    last_seen.insert(text(j, "last_seen"));
    indexed.push_back(j.at("indexed_document_count").to_number<std::int64_t>());
    std::this_thread::sleep_for(100ms);
  }
  const auto ran = std::chrono::steady_clock::now() - started;
  runner.join();
  EXPECT_EQ(text(job(job_id), "status"), "completed");
  EXPECT_GE(last_seen.size(), 3u) << "the claim and at least two _stats calls";
  // Not more often than every 10 s (0.5 s here): the claim, one report per period, the end.
  EXPECT_LE(last_seen.size(), static_cast<std::size_t>(ran / 500ms) + 3) << "ran for " << (ran / 1ms) << " ms";
  EXPECT_TRUE(std::is_sorted(indexed.begin(), indexed.end()));
  EXPECT_GT(indexed.back(), 0) << "counts are reported while the job runs";
  EXPECT_LT(indexed.front(), 50);
}

// 9. Completion of a full sync, on the job and on the connector.
TEST_F(JobLifecycle, FullSyncIndexesEveryDocumentAndReportsOnJobAndConnector) {
  configure(R"({"documents": 25})");
  const std::string job_id = kibana_->press_sync(id_, {});
  const json::object j = run_jobs(job_id);
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 25);
  EXPECT_EQ(j.at("deleted_document_count").to_number<int>(), 0);
  EXPECT_EQ(j.at("total_document_count").to_number<int>(), 25);
  EXPECT_TRUE(j.at("indexed_document_volume").is_int64());
  EXPECT_EQ(text(j, "worker_hostname"), "test-host");
  EXPECT_TRUE(j.at("completed_at").is_string());
  EXPECT_TRUE(j.at("error").is_null());

  const json::object c = connector();
  EXPECT_EQ(text(c, "last_sync_status"), "completed");
  EXPECT_EQ(text(c, "status"), "connected");
  EXPECT_TRUE(c.at("error").is_null());
  EXPECT_EQ(c.at("last_indexed_document_count").to_number<int>(), 25);
  EXPECT_EQ(c.at("last_deleted_document_count").to_number<int>(), 0);
  EXPECT_TRUE(c.at("last_synced").is_string());
  EXPECT_EQ(c.at("sync_cursor"), json::parse(R"({"last":25})"));
  EXPECT_EQ(kibana_->count(index_, {}), 25);
}

// Point 2 of the issue: a connector's own `api_key` from config.yml is used for its content
// traffic (its index, _bulk); the connector and job documents use the global credentials.
TEST_F(JobLifecycle, AConnectorsOwnApiKeyIsUsedForItsContentTraffic) {
  config_.connectors[0].api_key = "connector-key";
  RecordingTransport recording(*transport_);
  protocol::EsClient es(recording, service::es_client_settings(config_.elasticsearch), clock_);
  service::ServiceContext context{config_, registry_, clock_, recording, es, "test-host"};
  configure(R"({"documents": 25})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}), {}, service::JobKind::kContent, &context);
  ASSERT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(kibana_->count(index_, {}), 25);

  const std::string connector_key = "ApiKey connector-key";
  std::size_t bulks = 0;
  std::size_t content = 0;
  std::size_t system = 0;
  for (const auto& sent : recording.sent()) {
    if (sent.target.starts_with("/_bulk")) {
      ++bulks;
      EXPECT_EQ(sent.authorization, connector_key) << sent.target;
    } else if (sent.target.starts_with("/" + index_)) {
      ++content;
      EXPECT_EQ(sent.authorization, connector_key) << sent.target;
    } else if (sent.target.starts_with("/_connector") || sent.target.starts_with("/.elastic-connectors")) {
      ++system;
      EXPECT_TRUE(sent.authorization.starts_with("Basic ")) << sent.target << ": " << sent.authorization;
    }
  }
  EXPECT_GE(bulks, 3u) << "chunk_size 10: several _bulk requests";
  EXPECT_GE(content, 1u) << "the content index: existence, refresh, count";
  EXPECT_GE(system, 3u) << "the connector mark, the claim, the terminal updates";
}

// 10. Document shape: id == _id, a UTC _timestamp, the pipeline named by the connector ran
// (so ?pipeline= was sent) and consumed the flags; long ids become their MD5.
TEST_F(JobLifecycle, DocumentsHaveElasticsShapeAndGoThroughTheConnectorsPipeline) {
  request(HttpMethod::kPut, "/_ingest/pipeline/integration-pipeline",
          R"({"processors":[{"set":{"field":"piped","value":true}},
              {"remove":{"field":["_extract_binary_content","_reduce_whitespace","_run_ml_inference"],
                         "ignore_missing":true}}]})");
  request(HttpMethod::kPut, "/_connector/" + id_ + "/_pipeline",
          R"({"pipeline":{"name":"integration-pipeline","extract_binary_content":true,
              "reduce_whitespace":true,"run_ml_inference":false}})");
  configure(R"({"documents": 3, "id_prefix": ")" + std::string(600, 'k') + R"("})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  ASSERT_EQ(text(j, "status"), "completed") << text(j, "error");
  const json::object hit = kibana_->first_document(index_, {});
  const json::object& doc = hit.at("_source").as_object();
  EXPECT_EQ(text(hit, "_id").size(), 32u);
  EXPECT_EQ(text(doc, "id"), text(hit, "_id"));
  EXPECT_EQ(doc.at("piped"), json::value(true));
  EXPECT_FALSE(doc.contains("_extract_binary_content"));
  EXPECT_FALSE(doc.contains("_reduce_whitespace"));
  EXPECT_FALSE(doc.contains("_run_ml_inference"));
  const std::string timestamp = text(doc, "_timestamp");
  EXPECT_TRUE(timestamp.ends_with("+00:00")) << timestamp;
  EXPECT_TRUE(core::parse_iso8601(timestamp).has_value()) << timestamp;
}

// 11. Stale deletion: what the source no longer has is deleted after the next full sync.
TEST_F(JobLifecycle, FullSyncDeletesDocumentsTheSourceNoLongerHas) {
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

// 13. Cancel: a running job becomes canceled within one job check (5 s; here 0.5 s, time runs
// 10x faster), the cursor stays.
TEST_F(JobLifecycle, CancelFromKibanaCancelsTheRunningJob) {
  update_doc(".elastic-connectors", id_, R"({"sync_cursor":{"last":99}})");
  const auto [job_id, ran_on] = interrupt_running_job(
      [&](const std::string& job) { request(HttpMethod::kPut, "/_connector/_sync_job/" + job + "/_cancel"); });
  EXPECT_LT(ran_on, 2s);
  const json::object j = job(job_id);
  EXPECT_EQ(text(j, "status"), "canceled");
  EXPECT_TRUE(j.at("canceled_at").is_string());
  EXPECT_TRUE(j.at("completed_at").is_string());
  EXPECT_TRUE(j.at("error").is_null());
  const json::object c = connector();
  EXPECT_EQ(text(c, "last_sync_status"), "canceled");
  EXPECT_EQ(text(c, "status"), "connected");
  EXPECT_EQ(c.at("sync_cursor"), json::parse(R"({"last":99})"));
}

// A running job that another instance's cleanup has failed (its status is no longer
// in_progress) stops at the next job check (5 s; here 0.5 s) instead of running on.
TEST_F(JobLifecycle, ARunningJobFailedElsewhereStopsAtTheNextCheck) {
  const auto [job_id, ran_on] = interrupt_running_job([&](const std::string& job) {
    update_doc(".elastic-connectors-sync-jobs", job,
               R"({"status":"error","error":"The job has not seen any update for some time."})");
  });
  EXPECT_LT(ran_on, 3s);
  const json::object j = job(job_id);
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"), "ConnectorJobNotRunningError: Connector job (ID: " + job_id +
                                  ") is not running but in status of JobStatus.ERROR.");
  EXPECT_LT(j.at("indexed_document_count").to_number<int>(), 2000);
  EXPECT_EQ(text(connector(), "last_sync_status"), "error");
}

// A running job whose connector is deleted stops at the next job check.
TEST_F(JobLifecycle, ARunningJobWhoseConnectorIsDeletedStops) {
  const auto [job_id, ran_on] =
      interrupt_running_job([&](const std::string&) { request(HttpMethod::kDelete, "/_connector/" + id_ + "?hard=true"); });
  EXPECT_LT(ran_on, 3s);
  const json::object j = job(job_id);
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"), "ConnectorNotFoundError: Connector is not found for connector ID " + id_ + ".");
}

// 13. A pending job canceled in Kibana is canceled by Elasticsearch and never runs.
TEST_F(JobLifecycle, APendingJobCanceledBeforeItStartsNeverRuns) {
  configure(R"({"documents": 5})");
  const std::string job_id = kibana_->press_sync(id_, {});
  request(HttpMethod::kPut, "/_connector/_sync_job/" + job_id + "/_cancel");
  EXPECT_EQ(text(job(job_id), "status"), "canceled");
  service::JobExecution execution(*context_);
  execution.poll({});
  EXPECT_EQ(execution.running(), 0u);
  execution.wait_all();
  EXPECT_EQ(probe_->syncs.load(), 0);
  EXPECT_EQ(text(job(job_id), "status"), "canceled");
}

// 14. Shutdown suspends the running job; the next start runs it again to completion.
TEST_F(JobLifecycle, ShutdownSuspendsARunningJobAndTheNextRunCompletesIt) {
  configure(R"({"documents": 150, "delay_ms": 10})");
  const std::string job_id = kibana_->press_sync(id_, {});
  std::stop_source stop;
  std::thread runner([&] { run_jobs(job_id, stop.get_token()); });
  wait_for_status(job_id, "in_progress");
  ASSERT_TRUE(eventually([&] { return probe_->syncs.load() > 0; }));
  stop.request_stop();
  runner.join();
  const json::object suspended = job(job_id);
  EXPECT_EQ(text(suspended, "status"), "suspended");
  EXPECT_TRUE(!suspended.contains("completed_at") || suspended.at("completed_at").is_null());
  const json::object c = connector();
  EXPECT_EQ(text(c, "last_sync_status"), "suspended");
  EXPECT_EQ(text(c, "status"), "connected");
  EXPECT_TRUE(c.at("last_synced").is_string());

  configure(R"({"documents": 40})");  // the job keeps its own snapshot of the configuration
  const json::object resumed = run_jobs(job_id);
  EXPECT_EQ(text(resumed, "status"), "completed") << text(resumed, "error");
  EXPECT_EQ(resumed.at("indexed_document_count").to_number<int>(), 150);
}

// 16. max_concurrent_content_syncs: 1 -- two connectors never sync at the same time.
TEST_F(JobLifecycle, NoMoreContentSyncsAtOnceThanConfigured) {
  const std::string other = id_ + "-b";
  add_connector(other, index_ + "-b");
  configure(R"({"documents": 40, "delay_ms": 10})");
  configure(R"({"documents": 40, "delay_ms": 10})", other);
  const std::string a = kibana_->press_sync(id_, {});
  const std::string b = kibana_->press_sync(other, {});
  std::stop_source stop;
  std::thread loop([&] {
    service::JobExecution execution(*context_);
    while (!stop.stop_requested()) {
      execution.poll(stop.get_token());
      std::this_thread::sleep_for(100ms);
    }
    execution.wait_all();
  });
  std::size_t most_at_once = 0;
  const bool done = eventually(
      [&] {
        const std::string sa = text(job(a), "status");
        const std::string sb = text(job(b), "status");
        most_at_once = std::max<std::size_t>(most_at_once, (sa == "in_progress") + (sb == "in_progress"));
        return sa == "completed" && sb == "completed";
      },
      60s);
  stop.request_stop();
  loop.join();
  EXPECT_TRUE(done);
  EXPECT_EQ(most_at_once, 1u);
}

// 16. One poll starts no more jobs than max_concurrent_content_syncs; the others wait for a
// later poll.
TEST_F(JobLifecycle, APollStartsNoMoreJobsThanTheLimitAllows) {
  std::vector<std::string> jobs;
  for (int i = 0; i < 3; ++i) {
    const std::string other = id_ + "-" + std::to_string(i);
    add_connector(other, index_ + "-" + std::to_string(i));
    configure(R"({"documents": 5})", other);
    jobs.push_back(kibana_->press_sync(other, {}));
  }
  auto statuses = [&] {
    std::multiset<std::string> out;
    for (const auto& j : jobs) out.insert(text(job(j), "status"));
    return out;
  };
  config_.service.max_concurrent_content_syncs = 2;
  service::JobExecution execution(*context_);
  execution.poll({});
  EXPECT_EQ(execution.running(), 2u);
  execution.wait_all();
  EXPECT_EQ(statuses(), (std::multiset<std::string>{"completed", "completed", "pending"}));

  config_.service.max_concurrent_content_syncs = 1;
  execution.poll({});
  EXPECT_EQ(execution.running(), 1u);
  execution.wait_all();
  EXPECT_EQ(statuses(), (std::multiset<std::string>{"completed", "completed", "completed"}));
}

// 16. A pending job of a connector that is syncing elsewhere stays pending.
TEST_F(JobLifecycle, AJobWaitsWhileItsConnectorIsSyncingElsewhere) {
  configure(R"({"documents": 5})");
  // Another instance's sync: its job claimed and the connector marked.
  const std::string running = kibana_->press_sync(id_, {});
  request(HttpMethod::kPut, "/_connector/_sync_job/" + running + "/_claim", R"({"worker_hostname":"other-host"})");
  update_doc(".elastic-connectors", id_, R"({"last_sync_status":"in_progress"})");
  const std::string job_id = kibana_->press_sync(id_, {});
  service::JobExecution execution(*context_);
  execution.poll({});
  EXPECT_EQ(execution.running(), 0u);
  execution.wait_all();
  EXPECT_EQ(text(job(job_id), "status"), "pending");
}

// 17. A source failure mid-job fails the job and the connector with "<Kind>: <message>".
TEST_F(JobLifecycle, SourceFailureFailsTheJobAndKeepsTheIndexAsItWas) {
  configure(R"({"documents": 12})");
  ASSERT_EQ(text(run_jobs(kibana_->press_sync(id_, {})), "status"), "completed");

  configure(R"({"documents": 12, "fail_after": 3})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"), "FakeSourceError: boom after 3 documents");
  EXPECT_TRUE(j.at("completed_at").is_string());
  const json::object c = connector();
  EXPECT_EQ(text(c, "status"), "error");
  EXPECT_EQ(text(c, "error"), "FakeSourceError: boom after 3 documents");
  EXPECT_EQ(text(c, "last_sync_status"), "error");
  EXPECT_EQ(text(c, "last_sync_error"), "FakeSourceError: boom after 3 documents");
  EXPECT_EQ(kibana_->count(index_, {}), 12);  // no stale deletion after a failed read
}

// 18. More than 10 documents rejected in a row fail the job with TooManyErrors.
TEST_F(JobLifecycle, TooManyRejectedDocumentsFailTheJob) {
  config_.elasticsearch.bulk.max_concurrency = 1;  // items answered in document order
  configure(R"({"documents": 40, "malformed_from": 5, "malformed_to": 20})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_THAT(text(j, "error"),
              ::testing::StartsWith("TooManyErrors: Exceeded maximum consecutive errors - saw 11 errors in a row."));
}

// 18. Fewer rejections: the job completes and the rejected documents are simply missing.
TEST_F(JobLifecycle, AFewRejectedDocumentsAreMissingFromACompletedSync) {
  configure(R"({"documents": 40, "malformed_from": 5, "malformed_to": 7})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 37);
  EXPECT_EQ(kibana_->count(index_, {}), 37);
  protocol::RequestOptions options;
  options.accept_statuses = {404};
  EXPECT_EQ(es_->request(HttpMethod::kGet, "/" + index_ + "/_doc/fake_6", {}, options, {}).status, 404u);
}

// The sink: items rejected under load (429) are sent again (Elastic's service drops them), and
// whole requests answered 503 are retried; the sync loses nothing.
TEST_F(JobLifecycle, RejectedItemsAndFailedBulkRequestsAreSentAgain) {
  request(HttpMethod::kPut, "/_emulator/faults",
          R"({"seed":7,"faults":[{"kind":"reject_items","share":0.3,"count":15,"scope":{"endpoint":"bulk"}},
                                 {"kind":"status","status":503,"count":2,"scope":{"endpoint":"bulk"}}]})");
  ScaledClock fast(10);  // the backoff pauses pass 10x faster
  auto context = make_context(fast);
  configure(R"({"documents": 60})");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}), {}, service::JobKind::kContent, context.get());
  request(HttpMethod::kDelete, "/_emulator/faults");
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 60);
  EXPECT_EQ(kibana_->count(index_, {}), 60);
}

// Documents over max_text_document_size are dropped, not failed, and counted in the counters
// logged at the end of the job.
TEST_F(JobLifecycle, DocumentsOverTheSizeLimitAreDroppedAndCounted) {
  LogCapture logs;
  config_.elasticsearch.bulk.max_text_document_size = 1;  // MiB
  configure(R"({"documents": 4, "body_bytes": 1100000})");
  const std::string job_id = kibana_->press_sync(id_, {});
  const json::object j = run_jobs(job_id);
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 0);
  EXPECT_EQ(kibana_->count(index_, {}), 0);
  const std::string prefix = "Sync job id: " + job_id + "] ";
  const std::string lines = logs.text();
  EXPECT_NE(lines.find(prefix + "--- Counters ---"), std::string::npos) << lines;
  EXPECT_NE(lines.find(prefix + "'docs_dropped_too_large' : 4"), std::string::npos) << lines;
  EXPECT_NE(lines.find(prefix + "'docs_extracted' : 4"), std::string::npos) << lines;
}

// Parts the source cannot read keep their documents, and the job says so.
TEST_F(JobLifecycle, APartTheSourceCannotReadKeepsItsDocumentsAndFailsTheJob) {
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

}  // namespace
}  // namespace connectors::ftest
