#include "protocol/connector_document.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/time_format.hpp"

namespace connectors::protocol {
namespace {

namespace json = boost::json;

TEST(ConnectorDocument, ReadsAHitWithItsConcurrencyToken) {
  const auto doc = ConnectorDocument::from_hit(json::parse(R"({
    "_index":".elastic-connectors-v1","_id":"postgres","_seq_no":7,"_primary_term":2,
    "_source":{"status":"configured","service_type":"postgresql","index_name":"search-pg",
               "configuration":{"host":{"value":"db"}},"last_seen":"2024-01-01T00:00:00.5Z",
               "last_sync_status":"in_progress","sync_cursor":{"x":1},
               "pipeline":{"name":"p","extract_binary_content":false,"reduce_whitespace":true,"run_ml_inference":false},
               "unknown_field":[1,2]}})"));
  EXPECT_EQ(doc.id(), "postgres");
  ASSERT_TRUE(doc.seq_no());
  EXPECT_EQ(doc.seq_no()->seq_no, 7);
  EXPECT_EQ(doc.seq_no()->primary_term, 2);
  EXPECT_EQ(doc.status(), ConnectorStatus::kConfigured);
  EXPECT_EQ(doc.service_type(), "postgresql");
  EXPECT_EQ(doc.index_name(), "search-pg");
  EXPECT_TRUE(doc.configuration().contains("host"));
  EXPECT_EQ(doc.last_seen(), core::parse_iso8601("2024-01-01T00:00:00.5Z"));
  EXPECT_EQ(doc.last_sync_status(), JobStatus::kInProgress);
  EXPECT_EQ(doc.sync_cursor(), json::parse(R"({"x":1})"));
  EXPECT_EQ(doc.pipeline().name, "p");
  EXPECT_FALSE(doc.pipeline().extract_binary_content);
  EXPECT_FALSE(doc.pipeline().run_ml_inference);
  EXPECT_TRUE(doc.source().contains("unknown_field"));
  EXPECT_FALSE(doc.deleted());
}

TEST(ConnectorDocument, MissingFieldsReadAsProtocolDefaults) {
  const auto doc = ConnectorDocument::from_hit(json::parse(R"({"_id":"c","_source":{"service_type":null}})"));
  EXPECT_FALSE(doc.seq_no());
  EXPECT_FALSE(doc.status());
  EXPECT_EQ(doc.service_type(), "");
  EXPECT_TRUE(doc.configuration().empty());
  EXPECT_FALSE(doc.last_seen());
  EXPECT_TRUE(doc.sync_cursor().is_null());
  const PipelineSettings pipeline = doc.pipeline();
  EXPECT_EQ(pipeline.name, "search-default-ingestion");
  EXPECT_TRUE(pipeline.extract_binary_content);
  EXPECT_TRUE(pipeline.reduce_whitespace);
  EXPECT_TRUE(pipeline.run_ml_inference);
}

TEST(ConnectorDocument, RejectsHitsWithoutIdOrSource) {
  EXPECT_THROW(ConnectorDocument::from_hit(json::parse(R"({"_source":{}})")), DocumentError);
  EXPECT_THROW(ConnectorDocument::from_hit(json::parse(R"({"_id":"x"})")), DocumentError);
  EXPECT_THROW(ConnectorDocument::from_hit(json::parse("[]")), DocumentError);
}

TEST(SyncJobDocument, ReadsTheConnectorSnapshot) {
  const auto job = SyncJobDocument::from_hit(json::parse(R"({"_id":"j1","_seq_no":1,"_primary_term":1,
    "_source":{"status":"pending","job_type":"full","trigger_method":"on_demand",
               "created_at":"2024-05-01T10:00:00.123456Z",
               "connector":{"id":"postgres","index_name":"search-pg","service_type":"postgresql",
                            "configuration":{"host":{"value":"db"}},"filtering":{"rules":[]},
                            "pipeline":{"name":"search-default-ingestion"},"sync_cursor":null}}})"));
  EXPECT_EQ(job.id(), "j1");
  EXPECT_EQ(job.status(), JobStatus::kPending);
  EXPECT_EQ(job.job_type(), JobType::kFull);
  EXPECT_EQ(job.trigger_method(), "on_demand");
  EXPECT_EQ(job.connector_id(), "postgres");
  EXPECT_EQ(job.index_name(), "search-pg");
  EXPECT_EQ(job.service_type(), "postgresql");
  EXPECT_TRUE(job.configuration().contains("host"));
  EXPECT_TRUE(job.filtering().is_object());
  EXPECT_TRUE(job.sync_cursor().is_null());
  EXPECT_EQ(job.created_at(), core::parse_iso8601("2024-05-01T10:00:00.123456Z"));
}

TEST(SyncJobDocument, AJobWithoutConnectorIsRejected) {
  EXPECT_THROW(SyncJobDocument::from_hit(json::parse(R"({"_id":"j","_source":{"status":"pending"}})")),
               DocumentError);
}

TEST(ProtocolEnums, RoundTripTheirWireNames) {
  for (auto s : {JobStatus::kPending, JobStatus::kInProgress, JobStatus::kCanceling, JobStatus::kCanceled,
                 JobStatus::kCompleted, JobStatus::kError, JobStatus::kSuspended}) {
    EXPECT_EQ(parse_job_status(to_string(s)), s);
  }
  for (auto s : {ConnectorStatus::kCreated, ConnectorStatus::kNeedsConfiguration,
                 ConnectorStatus::kConfigured, ConnectorStatus::kConnected, ConnectorStatus::kError}) {
    EXPECT_EQ(parse_connector_status(to_string(s)), s);
  }
  EXPECT_EQ(to_string(JobStatus::kInProgress), "in_progress");
  EXPECT_EQ(to_string(ConnectorStatus::kNeedsConfiguration), "needs_configuration");
  EXPECT_EQ(parse_job_type("access_control"), JobType::kAccessControl);
  EXPECT_FALSE(parse_job_status("bogus"));
}

}  // namespace
}  // namespace connectors::protocol
