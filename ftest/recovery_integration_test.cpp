// Jobs and connectors left behind by instances that died, in process against es-emulator:
// Elastic's idle and orphaned job cleanup (behaviour 15 of connector-protocol.md §7), and the
// weak spot it does not cover, a connector left marked in_progress with no job running.

#include "connector/job_cleanup.hpp"
#include "connector/stale_sync_recovery.hpp"
#include "core/testing/manual_clock.hpp"
#include "ftest/service_test_fixture.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

constexpr char kIdleMessage[] = "The job has not seen any update for some time.";

class RecoveryTest : public ServiceTest {
 protected:
  // A job another instance claimed (in_progress), its connector marked syncing.
  std::string claimed_job(const std::string& connector_id = "") {
    const std::string cid = connector_id.empty() ? id_ : connector_id;
    const std::string job_id = kibana_->press_sync(cid, {});
    request(HttpMethod::kPut, "/_connector/_sync_job/" + job_id + "/_claim", R"({"worker_hostname":"dead-host"})");
    update_doc(".elastic-connectors", cid, R"({"last_sync_status":"in_progress"})");
    return job_id;
  }
  // The instance running it died long ago: its last check-in is old.
  void make_idle(const std::string& job_id) {
    update_doc(".elastic-connectors-sync-jobs", job_id, R"({"last_seen":"2020-01-01T00:00:00Z"})");
  }
};

// 15. An in_progress job not seen for 300 s is failed, and its connector with it.
TEST_F(RecoveryTest, IdleJobsAreFailedAndTheirConnectorUpdated) {
  configure(R"({"documents": 3})");
  const std::string idle = claimed_job();
  make_idle(idle);
  const std::string other = id_ + "-fresh";
  add_connector(other, index_ + "-fresh");
  const std::string fresh = claimed_job(other);

  service::JobCleanup(*context_).run({});
  const json::object j = job(idle);
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"), kIdleMessage);
  EXPECT_TRUE(j.at("completed_at").is_string());
  const json::object c = connector();
  EXPECT_EQ(text(c, "status"), "error");
  EXPECT_EQ(text(c, "error"), kIdleMessage);
  EXPECT_EQ(text(c, "last_sync_status"), "error");
  EXPECT_EQ(text(c, "last_sync_error"), kIdleMessage);
  EXPECT_EQ(text(job(fresh), "status"), "in_progress") << "seen recently: left alone";

  // The connector can sync again.
  const json::object next = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(next, "status"), "completed") << text(next, "error");
}

// 15. A job whose cancelation nobody carried out (canceling, not seen for 300 s) is failed
// the same way; pending and suspended jobs are left alone.
TEST_F(RecoveryTest, IdleCancelingJobsAreFailedAndWaitingJobsLeftAlone) {
  configure(R"({"documents": 3})");
  const std::string canceling = claimed_job();
  request(HttpMethod::kPut, "/_connector/_sync_job/" + canceling + "/_cancel");
  ASSERT_EQ(text(job(canceling), "status"), "canceling");
  make_idle(canceling);
  const std::string pending = kibana_->press_sync(id_, {});
  make_idle(pending);
  const std::string suspended = kibana_->press_sync(id_, {});
  update_doc(".elastic-connectors-sync-jobs", suspended, R"({"status":"suspended"})");
  make_idle(suspended);

  service::JobCleanup(*context_).run({});
  EXPECT_EQ(text(job(canceling), "status"), "error");
  EXPECT_EQ(text(job(canceling), "error"), kIdleMessage);
  EXPECT_EQ(text(connector(), "last_sync_status"), "error");
  EXPECT_EQ(text(job(pending), "status"), "pending");
  EXPECT_EQ(text(job(suspended), "status"), "suspended");
}

// 15/20. Idle jobs of connectors this instance does not manage are another instance's
// business: left alone (their connector document exists, so they are not orphaned).
TEST_F(RecoveryTest, IdleJobsOfConnectorsNotManagedHereAreLeftAlone) {
  const std::string stranger = id_ + "-not-listed";
  kibana_->create_connector({stranger, "stranger", index_ + "-x", "fake"}, {});
  const std::string idle = claimed_job(stranger);
  make_idle(idle);
  service::JobCleanup(*context_).run({});
  EXPECT_EQ(text(job(idle), "status"), "in_progress");
  EXPECT_EQ(text(connector(stranger), "last_sync_status"), "in_progress");
}

// 15. A running job whose connector document is gone is failed too.
TEST_F(RecoveryTest, OrphanedJobsAreFailed) {
  configure(R"({"documents": 3})");
  const std::string orphan = claimed_job();
  request(HttpMethod::kDelete, "/_connector/" + id_ + "?hard=true");
  service::JobCleanup(*context_).run({});
  const json::object j = job(orphan);
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"), kIdleMessage);
}

// Weak spot: an instance died between marking the connector in_progress and claiming the job
// (or after the job's terminal update, before the connector's). Elastic's service never
// syncs that connector again; this one resets the mark once it has stayed untouched, with no
// job running, for the grace period, and runs the pending job.
TEST_F(RecoveryTest, AnAbandonedInProgressMarkIsResetAndThePendingJobRuns) {
  ScaledClock fast(20);  // the 15 s grace passes in under a second
  auto context = make_context(fast);
  configure(R"({"documents": 4})");
  update_doc(".elastic-connectors", id_, R"({"last_sync_status":"in_progress"})");
  const std::string job_id = kibana_->press_sync(id_, {});

  service::JobExecution execution(*context);
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(eventually([&] {
    execution.poll({});
    return execution.running() > 0;
  }, 20s));
  const auto waited = std::chrono::steady_clock::now() - started;
  execution.wait_all();
  EXPECT_GE(waited, std::chrono::milliseconds{15'000 / 20}) << "not before the grace period";
  EXPECT_EQ(text(job(job_id), "status"), "completed") << text(job(job_id), "error");
  EXPECT_EQ(text(connector(), "last_sync_status"), "completed");
}

// ... but a connector whose job is running (claimed, seen recently) is never taken over.
TEST_F(RecoveryTest, AConnectorWithARunningJobStaysSyncing) {
  ScaledClock fast(20);
  auto context = make_context(fast);
  configure(R"({"documents": 4})");
  const std::string running = claimed_job();
  const std::string waiting = kibana_->press_sync(id_, {});
  service::JobExecution execution(*context);
  const auto until = std::chrono::steady_clock::now() + 2s;  // 40 s of the scaled clock
  while (std::chrono::steady_clock::now() < until) {
    execution.poll({});
    ASSERT_EQ(execution.running(), 0u);
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(text(job(waiting), "status"), "pending");
  EXPECT_EQ(text(job(running), "status"), "in_progress");
  EXPECT_EQ(text(connector(), "last_sync_status"), "in_progress");
}

// ... and a mark written again (by a runner of another instance) restarts the grace period.
TEST_F(RecoveryTest, AnyWriteToTheConnectorRestartsTheGracePeriod) {
  core::testing::ManualClock clock(std::chrono::system_clock::now());
  auto context = make_context(clock);
  configure(R"({"documents": 4})");
  update_doc(".elastic-connectors", id_, R"({"last_sync_status":"in_progress"})");
  service::StaleSyncRecovery recovery(*context);
  auto current = [&] { return protocol::ConnectorDocument::from_hit(
                           request(HttpMethod::kGet, "/.elastic-connectors/_doc/" + id_)); };
  const auto grace = service::stale_sync_grace(config_.service);
  EXPECT_TRUE(recovery.still_syncing(current(), protocol::JobType::kFull, {}));
  clock.advance(grace - 1s);
  EXPECT_TRUE(recovery.still_syncing(current(), protocol::JobType::kFull, {}));
  update_doc(".elastic-connectors", id_, R"({"last_sync_error":null,"status":"connected","error":"x"})");
  clock.advance(2s);
  EXPECT_TRUE(recovery.still_syncing(current(), protocol::JobType::kFull, {})) << "written meanwhile";
  clock.advance(grace);
  EXPECT_FALSE(recovery.still_syncing(current(), protocol::JobType::kFull, {}));
  EXPECT_EQ(text(connector(), "last_sync_status"), "error");
  EXPECT_EQ(text(connector(), "last_sync_error"), service::kAbandonedSyncError);
}

}  // namespace
}  // namespace connectors::ftest
