#include "connector/sync_outcome.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace connectors::service {
namespace {

namespace json = boost::json;
using protocol::JobStatus;

protocol::SyncJobDocument job(std::string_view source) {
  json::value hit = json::parse(std::string(R"({"_id":"j","_source":)") + std::string(source) + "}");
  hit.at("_source").as_object()["connector"] = json::object{{"id", "c"}};
  return protocol::SyncJobDocument::from_hit(hit);
}

constexpr char kNow[] = "2024-05-01T12:00:00+00:00";

TEST(SyncOutcome, JobTerminalPatchPerStatus) {
  const protocol::IngestionStats stats{.indexed_document_count = 5, .indexed_document_volume = 1, .deleted_document_count = 2};
  EXPECT_EQ(job_terminal_patch(JobStatus::kCompleted, std::nullopt, stats, 7, kNow),
            json::parse(R"({"last_seen":"2024-05-01T12:00:00+00:00","status":"completed","error":null,
                "completed_at":"2024-05-01T12:00:00+00:00","indexed_document_count":5,"indexed_document_volume":1,
                "deleted_document_count":2,"total_document_count":7})"));
  EXPECT_EQ(job_terminal_patch(JobStatus::kCanceled, std::nullopt, std::nullopt, std::nullopt, kNow),
            json::parse(R"({"last_seen":"2024-05-01T12:00:00+00:00","status":"canceled","error":null,
                "completed_at":"2024-05-01T12:00:00+00:00","canceled_at":"2024-05-01T12:00:00+00:00"})"));
  EXPECT_EQ(job_terminal_patch(JobStatus::kSuspended, std::nullopt, std::nullopt, std::nullopt, kNow),
            json::parse(R"({"last_seen":"2024-05-01T12:00:00+00:00","status":"suspended","error":null})"));
  EXPECT_EQ(job_terminal_patch(JobStatus::kError, std::string("E: x"), std::nullopt, std::nullopt, kNow).at("error"),
            "E: x");
}

TEST(SyncOutcome, ACompletedContentSyncWritesTheCursorAndCounts) {
  const auto patch = connector_sync_done_patch(
      job(R"({"status":"completed","job_type":"full","error":null,"indexed_document_count":5,"deleted_document_count":2})"),
      json::parse(R"({"last":5})"), kNow);
  EXPECT_EQ(patch, json::parse(R"({"last_synced":"2024-05-01T12:00:00+00:00","status":"connected","error":null,
      "last_sync_status":"completed","last_sync_error":null,"sync_cursor":{"last":5},
      "last_indexed_document_count":5,"last_deleted_document_count":2})"));
}

TEST(SyncOutcome, SuspendedKeepsTheCursorAndTheCounts) {
  const auto patch = connector_sync_done_patch(job(R"({"status":"suspended","job_type":"incremental"})"),
                                               json::parse(R"({"last":5})"), kNow);
  EXPECT_EQ(patch, json::parse(R"({"last_synced":"2024-05-01T12:00:00+00:00","status":"connected","error":null,
      "last_sync_status":"suspended","last_sync_error":null})"));
}

TEST(SyncOutcome, AccessControlJobsTouchOnlyTheirPairAndNeverTheCursor) {
  const auto patch = connector_sync_done_patch(
      job(R"({"status":"completed","job_type":"access_control","indexed_document_count":3,"deleted_document_count":0})"),
      json::parse(R"({"last":5})"), kNow);
  EXPECT_EQ(patch, json::parse(R"({"last_synced":"2024-05-01T12:00:00+00:00","status":"connected","error":null,
      "last_access_control_sync_status":"completed","last_access_control_sync_error":null,
      "last_indexed_document_count":3,"last_deleted_document_count":0})"));
}

TEST(SyncOutcome, AnErrorWithoutMessageAndAVanishedJob) {
  const auto unknown = connector_sync_done_patch(job(R"({"status":"error","job_type":"full"})"), nullptr, kNow);
  EXPECT_EQ(unknown.at("error"), "unknown error");
  EXPECT_EQ(unknown.at("status"), "error");
  EXPECT_EQ(unknown.at("last_sync_error"), "unknown error");

  const auto gone = connector_sync_done_patch(std::nullopt, nullptr, kNow);
  EXPECT_EQ(gone, json::parse(R"({"last_synced":"2024-05-01T12:00:00+00:00","status":"error",
      "error":"Couldn't find the job","last_access_control_sync_status":"error",
      "last_access_control_sync_error":"Couldn't find the job","last_sync_status":"error",
      "last_sync_error":"Couldn't find the job"})"));
}

}  // namespace
}  // namespace connectors::service
