// The sync-job endpoints, checked against what Elasticsearch's YAML REST tests assert.

#include <gtest/gtest.h>

#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

using testing::at;

class SyncJobApiTest : public testing::RouterFixture {
 protected:
  void SetUp() override {
    json(
        Method::Put, "/_connector/test-connector",
        R"({"index_name":"search-test","name":"my-connector","language":"de","service_type":"super-connector"})",
        201);
  }
  std::string post(const std::string& body) {
    const auto r = json(Method::Post, "/_connector/_sync_job", body, 201);
    return std::string(at(r, "id").as_string());
  }
  boost::json::value job(const std::string& id) {
    return json(Method::Get, "/_connector/_sync_job/" + id);
  }
};

TEST_F(SyncJobApiTest, CreateSnapshotsTheConnector) {
  json(
      Method::Put, "/_connector/test-connector/_pipeline",
      R"({"pipeline":{"extract_binary_content":true,"name":"test-pipeline","reduce_whitespace":true,"run_ml_inference":false}})");
  json(Method::Put, "/_connector/test-connector/_configuration",
       R"({"configuration":{"some_field":{"label":"x","value":456}}})");
  const std::string id =
      post(R"({"id":"test-connector","job_type":"full","trigger_method":"on_demand"})");
  const auto j = job(id);
  EXPECT_EQ(at(j, "id"), boost::json::value(id));
  EXPECT_EQ(at(j, "connector.id"), "test-connector");
  EXPECT_EQ(at(j, "connector.index_name"), "search-test");
  EXPECT_EQ(at(j, "connector.language"), "de");
  EXPECT_EQ(at(j, "connector.service_type"), "super-connector");
  EXPECT_EQ(at(j, "connector.pipeline.name"), "test-pipeline");
  EXPECT_EQ(at(j, "connector.configuration.some_field.value"), 456);
  EXPECT_EQ(at(j, "connector.filtering.rules.0.id"), "DEFAULT");
  EXPECT_EQ(at(j, "connector.filtering.validation.state"), "valid");
  EXPECT_EQ(at(j, "job_type"), "full");
  EXPECT_EQ(at(j, "trigger_method"), "on_demand");
  EXPECT_EQ(at(j, "status"), "pending");
  for (const char* count : {"total_document_count", "indexed_document_count",
                            "indexed_document_volume", "deleted_document_count"}) {
    EXPECT_EQ(at(j, count), 0) << count;
  }
  EXPECT_EQ(at(j, "created_at"), at(j, "last_seen"));
  EXPECT_EQ(at(j, "metadata"), boost::json::object{});
}

TEST_F(SyncJobApiTest, DefaultsAccessControlAndErrors) {
  auto j = job(post(R"({"id":"test-connector"})"));
  EXPECT_EQ(at(j, "job_type"), "full");
  EXPECT_EQ(at(j, "trigger_method"), "on_demand");
  j = job(
      post(R"({"id":"test-connector","job_type":"access_control","trigger_method":"scheduled"})"));
  EXPECT_EQ(at(j, "connector.index_name"), ".search-acl-filter-search-test");
  EXPECT_EQ(at(j, "trigger_method"), "scheduled");

  EXPECT_EQ(error(Method::Post, "/_connector/_sync_job", R"({"id":"non-existing-id"})", 404).second,
            "Connector with id 'non-existing-id' does not exist.");
  const auto bad_type = json(Method::Post, "/_connector/_sync_job",
                             R"({"id":"test-connector","job_type":"invalid_job_type"})", 400);
  EXPECT_EQ(at(bad_type, "error.type"), "x_content_parse_exception");
  EXPECT_EQ(at(bad_type, "error.reason"),
            "[1:35] [connector_sync_job_post_request] failed to parse field [job_type]");
  EXPECT_EQ(at(bad_type, "error.caused_by.reason"),
            "Unknown ConnectorSyncJobType [invalid_job_type].");
  const auto bad_trigger = json(Method::Post, "/_connector/_sync_job",
                                R"({"id":"test-connector","trigger_method":"full"})", 400);
  EXPECT_EQ(at(bad_trigger, "error.reason"),
            "[1:41] [connector_sync_job_post_request] failed to parse field [trigger_method]");
  EXPECT_EQ(at(bad_trigger, "error.caused_by.reason"),
            "Unknown ConnectorSyncJobTriggerMethod [full].");
  json(Method::Put, "/_connector/detached", R"({"service_type":"s"})", 201);
  EXPECT_EQ(error(Method::Post, "/_connector/_sync_job", R"({"id":"detached"})", 400).second,
            "Cannot start a sync for connector [detached] with no index attached. Set the "
            "[index_name] property for "
            "the connector to enable syncing data.");
  json(Method::Put, "/_connector/untyped", R"({"index_name":"search-untyped"})", 201);
  EXPECT_EQ(error(Method::Post, "/_connector/_sync_job", R"({"id":"untyped"})", 400).second,
            "Cannot start a sync for connector [untyped] with [service_type] not defined. Set the "
            "service type of your "
            "connector before starting the sync.");
  error(Method::Post, "/_connector/_sync_job", "", 400);
}

TEST_F(SyncJobApiTest, ClaimStatsCheckIn) {
  const std::string id = post(R"({"id":"test-connector"})");
  EXPECT_EQ(at(json(Method::Put, "/_connector/_sync_job/" + id + "/_claim",
                    R"({"worker_hostname":"host-name","sync_cursor":{"cursor":"cursor"}})"),
               "result"),
            "updated");
  auto j = job(id);
  EXPECT_EQ(at(j, "worker_hostname"), "host-name");
  EXPECT_EQ(at(j, "status"), "in_progress");
  EXPECT_EQ(at(j, "connector.sync_cursor.cursor"), "cursor");
  EXPECT_TRUE(at(j, "started_at").is_string());
  EXPECT_TRUE(at(json(Method::Get, "/_connector/test-connector"), "sync_cursor").is_null());
  error(Method::Put, "/_connector/_sync_job/" + id + "/_claim", R"({"sync_cursor":{}})", 400);
  error(Method::Put, "/_connector/_sync_job/" + id + "/_claim", R"({"worker_hostname":null})", 400);
  error(Method::Put, "/_connector/_sync_job/nope/_claim", R"({"worker_hostname":"h"})", 404);

  const std::string before(at(j, "last_seen").as_string());
  EXPECT_EQ(at(json(Method::Put, "/_connector/_sync_job/" + id + "/_check_in"), "result"),
            "updated");
  EXPECT_GT(*parse_strict_instant(at(job(id), "last_seen").as_string()),
            *parse_strict_instant(before));
  error(Method::Put, "/_connector/_sync_job/nope/_check_in", "", 404);

  json(
      Method::Put, "/_connector/_sync_job/" + id + "/_stats",
      R"({"deleted_document_count":10,"indexed_document_count":20,"indexed_document_volume":1000,"total_document_count":20,"last_seen":"2023-12-04T08:45:50.567149Z","metadata":{"someKey1":"test"}})");
  j = job(id);
  EXPECT_EQ(at(j, "deleted_document_count"), 10);
  EXPECT_EQ(at(j, "indexed_document_count"), 20);
  EXPECT_EQ(at(j, "indexed_document_volume"), 1000);
  EXPECT_EQ(at(j, "total_document_count"), 20);
  EXPECT_EQ(at(j, "last_seen"), "2023-12-04T08:45:50.567149Z");
  EXPECT_EQ(at(j, "metadata.someKey1"), "test");
  EXPECT_EQ(
      error(
          Method::Put, "/_connector/_sync_job/" + id + "/_stats",
          R"({"deleted_document_count":-10,"indexed_document_count":20,"indexed_document_volume":1000})",
          400)
          .second,
      "Validation Failed: 1: [deleted_document_count] cannot be negative.;");
  error(
      Method::Put, "/_connector/_sync_job/" + id + "/_stats",
      R"({"deleted_document_count":1,"indexed_document_count":2,"indexed_document_volume":3,"metadata":"abc"})",
      400);
  error(Method::Put, "/_connector/_sync_job/" + id + "/_stats", R"({"deleted_document_count":1})",
        400);
  error(Method::Put, "/_connector/_sync_job/nope/_stats",
        R"({"deleted_document_count":1,"indexed_document_count":2,"indexed_document_volume":3})",
        404);
}

TEST_F(SyncJobApiTest, CancelStateMachine) {
  const std::string pending = post(R"({"id":"test-connector"})");
  json(Method::Put, "/_connector/_sync_job/" + pending + "/_cancel");
  auto j = job(pending);
  EXPECT_EQ(at(j, "status"), "canceled");
  EXPECT_EQ(at(j, "completed_at"), at(j, "cancelation_requested_at"));
  EXPECT_EQ(at(j, "canceled_at"), at(j, "cancelation_requested_at"));
  EXPECT_EQ(error(Method::Put, "/_connector/_sync_job/" + pending + "/_cancel", "", 400).second,
            "Invalid transition attempt from [canceled] to [canceling]. Such a ConnectorSyncStatus "
            "transition is not "
            "supported by the Connector Protocol.");

  const std::string running = post(R"({"id":"test-connector"})");
  json(Method::Put, "/_connector/_sync_job/" + running + "/_claim", R"({"worker_hostname":"h"})");
  json(Method::Put, "/_connector/_sync_job/" + running + "/_cancel");
  j = job(running);
  EXPECT_EQ(at(j, "status"), "canceling");
  EXPECT_TRUE(at(j, "cancelation_requested_at").is_string());
  EXPECT_TRUE(at(j, "canceled_at").is_null());
  error(Method::Put, "/_connector/_sync_job/nope/_cancel", "", 404);
}

TEST_F(SyncJobApiTest, ErrorStateMachine) {
  const std::string id = post(R"({"id":"test-connector"})");
  error(Method::Put, "/_connector/_sync_job/" + id + "/_error", R"({"error":"boom"})", 400);
  json(Method::Put, "/_connector/_sync_job/" + id + "/_claim", R"({"worker_hostname":"h"})");
  json(Method::Put, "/_connector/_sync_job/" + id + "/_error", R"({"error":"boom"})");
  const auto j = job(id);
  EXPECT_EQ(at(j, "status"), "error");
  EXPECT_EQ(at(j, "error"), "boom");
  error(Method::Put, "/_connector/_sync_job/nope/_error", R"({"error":"boom"})", 404);
}

TEST_F(SyncJobApiTest, ListNewestFirstWithFilters) {
  json(Method::Put, "/_connector/connector-two",
       R"({"index_name":"search-two","service_type":"s"})", 201);
  EXPECT_EQ(at(json(Method::Get, "/_connector/_sync_job"), "count"), 0);
  const std::string one = post(R"({"id":"test-connector","job_type":"full"})");
  const std::string two = post(R"({"id":"test-connector","job_type":"incremental"})");
  const std::string three = post(R"({"id":"connector-two","job_type":"full"})");
  json(Method::Put, "/_connector/_sync_job/" + two + "/_cancel");
  auto ids = [&](const std::string& query) {
    std::vector<std::string> out;
    const boost::json::value results =
        at(json(Method::Get, "/_connector/_sync_job" + query), "results");
    for (const auto& r : results.as_array()) {
      out.emplace_back(r.at("id").as_string());
    }
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::string>{three, two, one}));
  EXPECT_EQ(ids("?from=1&size=1"), (std::vector<std::string>{two}));
  EXPECT_EQ(ids("?connector_id=test-connector"), (std::vector<std::string>{two, one}));
  EXPECT_EQ(ids("?status=pending"), (std::vector<std::string>{three, one}));
  EXPECT_EQ(ids("?connector_id=test-connector&job_type=full,incremental"),
            (std::vector<std::string>{two, one}));
  EXPECT_EQ(ids("?job_type=incremental"), (std::vector<std::string>{two}));
  error(Method::Get, "/_connector/_sync_job?status=invalid_job_status", "", 400);
  error(Method::Get, "/_connector/_sync_job?job_type=invalid_job_type,incremental", "", 400);
}

TEST_F(SyncJobApiTest, DeleteJobsAndConnectorCascade) {
  const std::string id = post(R"({"id":"test-connector"})");
  EXPECT_EQ(at(json(Method::Delete, "/_connector/_sync_job/" + id), "acknowledged"), true);
  error(Method::Get, "/_connector/_sync_job/" + id, "", 404);
  error(Method::Delete, "/_connector/_sync_job/" + id, "", 404);
  post(R"({"id":"test-connector"})");
  post(R"({"id":"test-connector"})");
  json(Method::Delete, "/_connector/test-connector?delete_sync_jobs=true");
  EXPECT_EQ(at(json(Method::Get, "/_connector/_sync_job?connector_id=test-connector"), "count"), 0);
}

TEST_F(SyncJobApiTest, ServiceStyleDirectUpdateAndPendingQuery) {
  const std::string id = post(R"({"id":"test-connector"})");
  const auto pending =
      json(Method::Post, "/.elastic-connectors-sync-jobs/_search",
           R"({"query":{"bool":{"must":[{"terms":{"status":["pending","suspended"]}},
                                {"terms":{"connector.id":["test-connector"]}},{"terms":{"job_type":["full","incremental"]}}]}},
                                "sort":[{"created_at":"asc"}],"size":100})");
  EXPECT_EQ(at(pending, "hits.hits.0._id"), boost::json::value(id));
  json(Method::Post, "/.elastic-connectors-sync-jobs/_update/" + id,
       R"({"doc":{"status":"completed","completed_at":"2024-01-01T00:00:00+00:00"}})");
  EXPECT_EQ(at(job(id), "status"), "completed");
}

}  // namespace
}  // namespace connectors::emulator
