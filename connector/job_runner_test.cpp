#include "connector/job_runner.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"
#include "protocol/testing/fake_transport.hpp"

namespace connectors::service {
namespace {

namespace json = boost::json;
using protocol::HttpMethod;
using protocol::HttpRequest;
using protocol::HttpResponse;
using protocol::testing::es_error_body;
using protocol::testing::FakeTransport;

constexpr char kConnector[] = R"({"_id":"c","_seq_no":4,"_primary_term":1,"_source":{
    "status":"connected","service_type":"fake","last_sync_status":"completed"}})";
constexpr char kJob[] = R"({"_id":"j","_source":{"status":"pending","job_type":"full",
    "connector":{"id":"c","index_name":"search-c","service_type":"fake","configuration":{}}}})";

class JobRunnerTest : public ::testing::Test {
 protected:
  JobRunnerTest() {
    es_ = std::make_unique<protocol::EsClient>(transport_, protocol::EsClientSettings{.max_retries = 1}, clock_);
    context_ = std::make_unique<ServiceContext>(ServiceContext{config_, registry_, clock_, transport_, *es_, "host"});
  }

  std::vector<FakeTransport::RecordedRequest> updates() {
    std::vector<FakeTransport::RecordedRequest> out;
    for (const auto& r : transport_.requests()) {
      if (r.request.target.rfind("/.elastic-connectors/_update/", 0) == 0) out.push_back(r.request);
    }
    return out;
  }

  Config config_;
  sources::SourceRegistry registry_;
  core::testing::ManualClock clock_;
  FakeTransport transport_;
  std::unique_ptr<protocol::EsClient> es_;
  std::unique_ptr<ServiceContext> context_;
};

TEST_F(JobRunnerTest, AFailedClaimLeavesTheJobPendingAndRestoresTheConnector) {
  bool marked = false;
  transport_.set_handler([&](const HttpRequest& r) -> HttpResponse {
    if (r.method == HttpMethod::kGet && r.target == "/.elastic-connectors/_doc/c") {
      return {200, marked ? R"({"_id":"c","_seq_no":5,"_primary_term":1,"_source":{"last_sync_status":"in_progress"}})"
                          : kConnector,
              {}};
    }
    if (r.target.rfind("/.elastic-connectors/_update/c", 0) == 0) {
      marked = true;
      return {200, R"({"result":"updated"})", {}};
    }
    if (r.target == "/_connector/_sync_job/j/_claim") {
      return {404, es_error_body(404, "resource_not_found_exception", "connector sync job [j] not found"), {}};
    }
    throw std::logic_error("unexpected " + r.target);
  });
  JobRunner(*context_, protocol::SyncJobDocument::from_hit(json::parse(kJob))).run({});

  const auto writes = updates();
  ASSERT_EQ(writes.size(), 2u);
  // First the guarded mark, then the undo that restores what was there, guarded by the mark.
  EXPECT_EQ(writes[0].target, "/.elastic-connectors/_update/c?if_seq_no=4&if_primary_term=1");
  EXPECT_EQ(json::parse(writes[0].body).at("doc").at("last_sync_status"), "in_progress");
  EXPECT_EQ(writes[1].target, "/.elastic-connectors/_update/c?if_seq_no=5&if_primary_term=1");
  EXPECT_EQ(json::parse(writes[1].body), json::parse(R"({"doc":{"last_sync_status":"completed"}})"));
  for (const auto& r : transport_.requests()) {
    EXPECT_EQ(r.request.target.find("/.elastic-connectors-sync-jobs/_update"), std::string::npos)
        << "the job must stay untouched";
  }
}

TEST_F(JobRunnerTest, AConnectorAlreadySyncingIsLeftAlone) {
  transport_.set_handler([](const HttpRequest& r) -> HttpResponse {
    if (r.method == HttpMethod::kGet && r.target == "/.elastic-connectors/_doc/c") {
      return {200, R"({"_id":"c","_seq_no":4,"_primary_term":1,"_source":{"last_sync_status":"in_progress"}})", {}};
    }
    throw std::logic_error("unexpected " + r.target);
  });
  JobRunner(*context_, protocol::SyncJobDocument::from_hit(json::parse(kJob))).run({});
  EXPECT_EQ(transport_.request_count(), 1u);
}

TEST_F(JobRunnerTest, AClaimThatKeepsFailingIsGivenUpAtTheDeadline) {
  bool marked = false;
  int claims = 0;
  transport_.set_handler([&](const HttpRequest& r) -> HttpResponse {
    if (r.method == HttpMethod::kGet && r.target == "/.elastic-connectors/_doc/c") {
      return {200, marked ? R"({"_id":"c","_seq_no":5,"_primary_term":1,"_source":{"last_sync_status":"in_progress"}})"
                          : kConnector,
              {}};
    }
    if (r.target.rfind("/.elastic-connectors/_update/c", 0) == 0) {
      marked = !marked;
      return {200, R"({"result":"updated"})", {}};
    }
    if (r.target == "/_connector/_sync_job/j/_claim") {
      ++claims;
      return {503, es_error_body(503, "unavailable_shards_exception", "busy"), {}};
    }
    throw std::logic_error("unexpected " + r.target);
  });
  JobRunner(*context_, protocol::SyncJobDocument::from_hit(json::parse(kJob))).run({});
  // Tried again every 500 ms until kClaimDeadline, then the mark is undone.
  EXPECT_EQ(claims, static_cast<int>(kClaimDeadline / core::Millis{500}));
  EXPECT_FALSE(marked);
}

TEST_F(JobRunnerTest, LosingTheRaceForTheConnectorRereadsAndGivesWay) {
  int reads = 0;
  transport_.set_handler([&](const HttpRequest& r) -> HttpResponse {
    if (r.method == HttpMethod::kGet && r.target == "/.elastic-connectors/_doc/c") {
      // The second read shows the other instance's write.
      return {200, ++reads == 1 ? kConnector
                                : R"({"_id":"c","_seq_no":5,"_primary_term":1,"_source":{"last_sync_status":"in_progress"}})",
              {}};
    }
    if (r.target.rfind("/.elastic-connectors/_update/c", 0) == 0) {
      return {409, es_error_body(409, "version_conflict_engine_exception", "[c]: version conflict"), {}};
    }
    throw std::logic_error("unexpected " + r.target);
  });
  JobRunner(*context_, protocol::SyncJobDocument::from_hit(json::parse(kJob))).run({});
  EXPECT_EQ(reads, 2);
  EXPECT_EQ(updates().size(), 1u);
}

}  // namespace
}  // namespace connectors::service
