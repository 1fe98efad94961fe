// Scheduled syncs, in process against es-emulator, with the scheduler's time driven by a
// ManualClock (a minute passes in no time). The numbers in the comments are the behaviours of
// connector-protocol.md §7.

#include "core/testing/manual_clock.hpp"
#include "ftest/service_test_fixture.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

// A ManualClock at `second` seconds past a whole minute, near the real time (Elasticsearch's
// timestamps, such as last_seen, stay comparable).
core::WallTime near_now_at_second(int second) {
  const auto minute = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
  return minute + std::chrono::seconds{second};
}

std::string python_time(core::WallTime t) { return core::format_python_utc(t); }

class SchedulingTest : public ServiceTest {
 protected:
  std::vector<json::object> scheduled_jobs(const std::string& type, const std::string& connector_id = "") {
    std::vector<json::object> out;
    for (auto& j : jobs_of(connector_id)) {
      if (text(j, "trigger_method") == "scheduled" && text(j, "job_type") == type) out.push_back(j);
    }
    return out;
  }
  void set_schedule(const std::string& type, const std::string& interval, const std::string& connector_id = "") {
    request(HttpMethod::kPut, "/_connector/" + (connector_id.empty() ? id_ : connector_id) + "/_scheduling",
            R"({"scheduling":{")" + type + R"(":{"enabled":true,"interval":")" + interval + R"("}}})");
  }
};

// 6. A full schedule "every minute": one job per occurrence, last_sync_scheduled_at on the
// minute (UTC), trigger_method scheduled, pending.
TEST_F(SchedulingTest, AFullScheduleCreatesOneJobPerOccurrence) {
  configure(R"({"documents": 1})");
  set_schedule("full", "0 * * * * ?");
  core::testing::ManualClock clock(near_now_at_second(30));
  const core::WallTime next_minute = near_now_at_second(60);
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);

  EXPECT_EQ(pass.run({}), std::optional<core::WallTime>(next_minute)) << "the loop is told when to wake up";
  EXPECT_TRUE(scheduled_jobs("full").empty());

  clock.advance(31s);
  pass.run({});
  pass.run({});
  const auto jobs = scheduled_jobs("full");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(text(jobs[0], "status"), "pending");
  EXPECT_EQ(text(connector(), "last_sync_scheduled_at"), python_time(next_minute));
  EXPECT_TRUE(text(connector(), "last_sync_scheduled_at").ends_with(":00+00:00"));

  clock.advance(60s);
  pass.run({});
  EXPECT_EQ(scheduled_jobs("full").size(), 2u);
}

// 6. The seconds field is honoured: "every 5 seconds" creates a job every 5 seconds (Elastic's
// service would create one per minute).
TEST_F(SchedulingTest, TheSecondsFieldOfTheScheduleIsHonoured) {
  configure(R"({"documents": 1})");
  set_schedule("full", "*/5 * * * * ?");
  core::testing::ManualClock clock(near_now_at_second(2));
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);
  EXPECT_EQ(pass.run({}), std::optional<core::WallTime>(near_now_at_second(5)));
  for (int i = 0; i < 4; ++i) {
    clock.advance(5s);
    pass.run({});
  }
  EXPECT_EQ(scheduled_jobs("full").size(), 4u);
  EXPECT_EQ(text(connector(), "last_sync_scheduled_at"), python_time(near_now_at_second(20)));
}

// 6. Several instances, each with its own scheduler, create exactly one job per occurrence.
TEST_F(SchedulingTest, SeveralSchedulersCreateOneJobPerOccurrence) {
  configure(R"({"documents": 1})");
  set_schedule("full", "0 * * * * ?");
  core::testing::ManualClock clock(near_now_at_second(30));
  std::vector<std::unique_ptr<service::ServiceContext>> contexts;
  std::vector<std::unique_ptr<service::ConnectorPass>> passes;
  for (int i = 0; i < 3; ++i) {
    contexts.push_back(make_context(clock));
    passes.push_back(std::make_unique<service::ConnectorPass>(*contexts.back()));
    passes.back()->run({});
  }
  constexpr int kOccurrences = 5;
  for (int occurrence = 0; occurrence < kOccurrences; ++occurrence) {
    clock.advance(60s);
    std::vector<std::thread> threads;
    for (auto& pass : passes) threads.emplace_back([&pass] { pass->run({}); });
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(scheduled_jobs("full").size(), static_cast<std::size_t>(kOccurrences));
}

// An invalid interval puts the connector in error with the reason.
TEST_F(SchedulingTest, AnIntervalThatIsNotCronPutsTheConnectorInError) {
  configure(R"({"documents": 1})");
  update_doc(".elastic-connectors", id_, R"({"scheduling":{"full":{"enabled":true,"interval":"every hour"}}})");
  service::ConnectorPass(*context_).run({});
  EXPECT_EQ(text(connector(), "status"), "error");
  EXPECT_NE(text(connector(), "error").find("Invalid cron expression 'every hour'"), std::string::npos);
}

// 12. Incremental syncs are scheduled only when the connector's feature is on and the source
// supports them.
TEST_F(SchedulingTest, IncrementalSyncsNeedTheFeatureAndASourceThatSupportsThem) {
  // Worker mode: the connectors' features are theirs, not rewritten from the source's.
  const std::string fake = own_type();
  const std::string fake_dls = own_type(sources::testing::kFakeDlsServiceType);
  config_.connectors.clear();
  config_.service.worker_mode = true;
  config_.service.service_types = {fake, fake_dls};
  const std::string supported = id_ + "-supported";
  const std::string unsupported = id_ + "-unsupported";
  kibana_->create_connector({supported, "supported", index_ + "-s", fake}, {});
  kibana_->create_connector({unsupported, "unsupported", index_ + "-u", fake_dls}, {});
  configure(R"({"documents": 1})", supported, fake);
  configure(R"({"documents": 1})", unsupported, fake_dls);
  for (const auto& id : {supported, unsupported}) {
    set_schedule("incremental", "0 * * * * ?", id);
    request(HttpMethod::kPut, "/_connector/" + id + "/_features", R"({"features":{"incremental_sync":{"enabled":false}}})");
  }
  core::testing::ManualClock clock(near_now_at_second(30));
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);
  pass.run({});
  clock.advance(60s);
  pass.run({});
  EXPECT_TRUE(scheduled_jobs("incremental", supported).empty()) << "feature off";

  for (const auto& id : {supported, unsupported}) {
    request(HttpMethod::kPut, "/_connector/" + id + "/_features", R"({"features":{"incremental_sync":{"enabled":true}}})");
  }
  clock.advance(60s);
  pass.run({});
  EXPECT_EQ(scheduled_jobs("incremental", supported).size(), 1u);
  EXPECT_TRUE(scheduled_jobs("incremental", unsupported).empty()) << "the source has no incremental sync";
}

// 12. An incremental sync claims with the connector's cursor, syncs from it, deletes nothing,
// and replaces the cursor.
TEST_F(SchedulingTest, AnIncrementalSyncStartsFromTheCursorAndReplacesIt) {
  configure(R"({"documents": 10})");
  ASSERT_EQ(text(run_jobs(kibana_->press_sync(id_, {})), "status"), "completed");
  ASSERT_EQ(connector().at("sync_cursor"), json::parse(R"({"last":10})"));
  request(HttpMethod::kPut, "/" + index_ + "/_doc/stray?refresh=true", R"({"n":0})");  // a full sync would delete it

  configure(R"({"documents": 15})");
  service::ConnectorPass(*context_).run({});  // features: incremental_sync enabled (the source's)
  const std::string job_id = create_job("incremental");
  const json::object j = run_jobs(job_id);
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("connector").at("sync_cursor"), json::parse(R"({"last":10})")) << "sent with the claim";
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 5);
  EXPECT_EQ(j.at("deleted_document_count").to_number<int>(), 0);
  EXPECT_EQ(kibana_->count(index_, {}), 16);
  EXPECT_EQ(connector().at("sync_cursor"), json::parse(R"({"last":15})"));
}

// 12. An incremental job for a connector without the feature fails as Elastic's does.
TEST_F(SchedulingTest, AnIncrementalJobWithoutTheFeatureFails) {
  const std::string fake = own_type();
  config_.connectors.clear();
  config_.service.worker_mode = true;
  config_.service.service_types = {fake};
  const std::string worker = id_ + "-worker";
  kibana_->create_connector({worker, "worker", index_ + "-w", fake}, {});
  configure(R"({"documents": 3})", worker, fake);
  request(HttpMethod::kPut, "/_connector/" + worker + "/_features", R"({"features":{"incremental_sync":{"enabled":false}}})");
  const json::object j = run_jobs(create_job("incremental", worker));
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"), "UnsupportedJobType: Connector " + worker + " does not support incremental sync.");
}

// 19. With a basic license, access-control syncs are not scheduled (an error is logged).
TEST_F(SchedulingTest, AccessControlSyncsNeedAPlatinumLicenseToBeScheduled) {
  config_.connectors = {{id_, "fake_dls", std::nullopt}};
  request(HttpMethod::kPut, "/_connector/" + id_ + "/_service_type", R"({"service_type":"fake_dls"})");
  configure(R"({"documents": 1})", id_, "fake_dls");
  set_schedule("access_control", "0 * * * * ?");
  core::testing::ManualClock clock(near_now_at_second(30));
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);
  pass.run({});
  clock.advance(60s);
  pass.run({});
  EXPECT_EQ(connector().at("features").at("document_level_security").at("enabled"), json::value(true));
  EXPECT_TRUE(scheduled_jobs("access_control").empty());
  EXPECT_EQ(text(connector(), "status"), "connected");

  // One created by hand stays pending.
  const std::string job_id = create_job("access_control");
  service::JobExecution execution(*context_, service::JobKind::kAccessControl);
  execution.poll({});
  EXPECT_EQ(execution.running(), 0u);
  EXPECT_EQ(text(job(job_id), "status"), "pending");
}

}  // namespace
}  // namespace connectors::ftest
