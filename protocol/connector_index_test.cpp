#include "protocol/connector_index.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"
#include "protocol/sync_job_index.hpp"
#include "protocol/testing/fake_transport.hpp"

namespace connectors::protocol {
namespace {

namespace json = boost::json;
using testing::FakeTransport;

class Stores : public ::testing::Test {
 protected:
  EsClient client() {
    EsClientSettings settings;
    settings.max_retries = 1;
    return EsClient(transport_, settings, clock_);
  }
  json::value body(std::size_t i) { return json::parse(transport_.requests().at(i).request.body); }
  std::string target(std::size_t i) { return transport_.requests().at(i).request.target; }

  FakeTransport transport_;
  core::testing::ManualClock clock_;
};

std::string hits(std::initializer_list<std::string> ids, int total) {
  std::string out = R"({"hits":{"total":{"value":)" + std::to_string(total) + R"(,"relation":"eq"},"hits":[)";
  bool first = true;
  for (const auto& id : ids) {
    if (!first) out += ",";
    first = false;
    out += R"({"_id":")" + id + R"(","_seq_no":3,"_primary_term":1,"_source":{"status":"connected","connector":{"id":"c"}}})";
  }
  return out + "]}}";
}

TEST_F(Stores, FindQueriesByIdWithoutSoftDeletedConnectorsAndPages) {
  transport_.push_response(200, hits({"a", "b"}, 3));
  transport_.push_response(200, hits({"c"}, 3));
  EsClient es = client();
  const auto found = ConnectorIndex(es).find({"a", "b", "c"}, {}, {});
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[2].id(), "c");
  EXPECT_EQ(found[0].seq_no()->seq_no, 3);
  EXPECT_EQ(target(0), "/.elastic-connectors/_search?expand_wildcards=hidden");
  EXPECT_EQ(body(0), json::parse(R"({"query":{"bool":{"must_not":[{"term":{"deleted":true}}],
      "should":[{"terms":{"_id":["a","b","c"]}}],"minimum_should_match":1}},
      "seq_no_primary_term":true,"from":0,"size":100})"));
  EXPECT_EQ(body(1).at("from"), 2);
}

TEST_F(Stores, FindInWorkerModeMatchesServiceTypesOfNonNativeConnectors) {
  transport_.push_response(200, hits({}, 0));
  EsClient es = client();
  ConnectorIndex(es).find({}, {"postgresql"}, {});
  EXPECT_EQ(body(0).at("query").at("bool").at("should"),
            json::parse(R"([{"bool":{"filter":[{"terms":{"service_type":["postgresql"]}},{"term":{"is_native":false}}]}}])"));
}

TEST_F(Stores, FindWithNothingToLookForAsksNothing) {
  EsClient es = client();
  EXPECT_TRUE(ConnectorIndex(es).find({}, {}, {}).empty());
  EXPECT_EQ(transport_.request_count(), 0u);
}

TEST_F(Stores, GuardedUpdateSendsTheTokenAndTurns409IntoVersionConflict) {
  transport_.push_response(200, R"({"result":"updated"})");
  transport_.push_response(409, testing::es_error_body(409, "version_conflict_engine_exception", "[c]: version conflict"));
  EsClient es = client();
  ConnectorIndex connectors(es);
  connectors.update("c", json::object{{"status", "connected"}}, SeqNo{7, 2}, {});
  EXPECT_EQ(target(0), "/.elastic-connectors/_update/c?if_seq_no=7&if_primary_term=2");
  EXPECT_EQ(body(0), json::parse(R"({"doc":{"status":"connected"}})"));
  EXPECT_THROW(connectors.update("c", json::object{}, SeqNo{7, 2}, {}), VersionConflict);
}

TEST_F(Stores, GetReturnsNothingFor404) {
  transport_.push_response(404, R"({"_index":".elastic-connectors-v1","_id":"x","found":false})");
  EsClient es = client();
  EXPECT_FALSE(ConnectorIndex(es).get("x", {}));
  EXPECT_EQ(target(0), "/.elastic-connectors/_doc/x");
}

TEST_F(Stores, SystemIndicesAreCreatedOnlyWhenMissing) {
  transport_.push_response(200);  // HEAD connectors: exists
  transport_.push_response(404);  // HEAD jobs: missing
  transport_.push_response(200, R"({"acknowledged":true})");
  EsClient es = client();
  ensure_system_indices(es, {});
  ASSERT_EQ(transport_.request_count(), 3u);
  EXPECT_EQ(transport_.requests()[2].request.method, HttpMethod::kPut);
  EXPECT_EQ(target(2), "/.elastic-connectors-sync-jobs-v1");
  EXPECT_TRUE(transport_.requests()[2].request.body.empty());
}

TEST_F(Stores, PendingJobsArePendingOrSuspendedOldestFirst) {
  transport_.push_response(200, hits({"j1"}, 1));
  EsClient es = client();
  const auto jobs = SyncJobIndex(es).pending({"c"}, {JobType::kFull, JobType::kIncremental}, {});
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(target(0), "/.elastic-connectors-sync-jobs/_search?expand_wildcards=hidden");
  EXPECT_EQ(body(0).at("query"), json::parse(R"({"bool":{"must":[
      {"terms":{"status":["pending","suspended"]}},{"terms":{"connector.id":["c"]}},
      {"terms":{"job_type":["full","incremental"]}}]}})"));
  EXPECT_EQ(body(0).at("sort"), json::parse(R"([{"created_at":"asc"}])"));
}

TEST_F(Stores, ClaimSendsTheCursorOnlyWhenThereIsOne) {
  transport_.push_response(200, R"({"result":"updated"})");
  transport_.push_response(200, R"({"result":"updated"})");
  EsClient es = client();
  SyncJobIndex jobs(es);
  jobs.claim("j1", "host-a", nullptr, {});
  jobs.claim("j1", "host-a", json::parse(R"({"xmin":5})"), {});
  EXPECT_EQ(target(0), "/_connector/_sync_job/j1/_claim");
  EXPECT_EQ(body(0), json::parse(R"({"worker_hostname":"host-a"})"));
  EXPECT_EQ(body(1), json::parse(R"({"worker_hostname":"host-a","sync_cursor":{"xmin":5}})"));
}

TEST_F(Stores, StatsCarryTheThreeCountsAndEmptyMetadata) {
  transport_.push_response(200, R"({"result":"updated"})");
  EsClient es = client();
  SyncJobIndex(es).update_stats("j1", IngestionStats{12, 3, 4}, {});
  EXPECT_EQ(target(0), "/_connector/_sync_job/j1/_stats");
  EXPECT_EQ(body(0), json::parse(R"({"indexed_document_count":12,"indexed_document_volume":3,
      "deleted_document_count":4,"metadata":{}})"));
}

}  // namespace
}  // namespace connectors::protocol
