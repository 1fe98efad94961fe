#include "connector/sync_outcome.hpp"

namespace connectors::service {
namespace json = boost::json;
using protocol::JobStatus;
using protocol::JobType;

namespace {

json::value count_of(const json::object& job, std::string_view key) {
  const json::value* v = job.if_contains(key);
  return v && v->is_number() ? *v : json::value(0);
}

bool terminated(std::optional<JobStatus> status) {
  return status == JobStatus::kCompleted || status == JobStatus::kError || status == JobStatus::kCanceled;
}

}  // namespace

json::object job_terminal_patch(JobStatus status, const std::optional<std::string>& error,
                                const std::optional<protocol::IngestionStats>& stats,
                                std::optional<std::int64_t> total, const std::string& now) {
  json::object doc{{"last_seen", now},
                   {"status", protocol::to_string(status)},
                   {"error", error ? json::value(*error) : json::value(nullptr)}};
  if (status == JobStatus::kCompleted || status == JobStatus::kError || status == JobStatus::kCanceled) {
    doc["completed_at"] = now;
  }
  if (status == JobStatus::kCanceled) doc["canceled_at"] = now;
  if (stats) {
    doc["indexed_document_count"] = stats->indexed_document_count;
    doc["indexed_document_volume"] = stats->indexed_document_volume;
    doc["deleted_document_count"] = stats->deleted_document_count;
  }
  if (total) doc["total_document_count"] = *total;
  return doc;
}

SyncStatusFields sync_status_fields(JobType type) {
  if (type == JobType::kAccessControl) return {"last_access_control_sync_status", "last_access_control_sync_error"};
  return {"last_sync_status", "last_sync_error"};
}

std::optional<JobStatus> connector_sync_status(const protocol::ConnectorDocument& connector, JobType type) {
  if (type != JobType::kAccessControl) return connector.last_sync_status();
  const json::value* v = connector.source().if_contains("last_access_control_sync_status");
  if (!v || !v->is_string()) return std::nullopt;
  return protocol::parse_job_status(v->get_string());
}

json::object connector_sync_done_patch(const std::optional<protocol::SyncJobDocument>& job,
                                       const json::value& cursor, const std::string& now) {
  const std::optional<JobStatus> status = job ? job->status() : std::optional<JobStatus>(JobStatus::kError);
  json::value error = nullptr;
  if (!job) {
    error = kJobNotFoundError;
  } else if (const json::value* e = job->source().if_contains("error"); e && !e->is_null()) {
    error = *e;
  }
  if (error.is_null() && status == JobStatus::kError) error = kUnknownError;
  const json::value status_text = status ? json::value(protocol::to_string(*status)) : json::value(nullptr);

  json::object doc{{"last_synced", now}, {"status", status == JobStatus::kError ? "error" : "connected"}, {"error", error}};
  const std::optional<JobType> type = job ? job->job_type() : std::nullopt;
  if (type) {
    const SyncStatusFields fields = sync_status_fields(*type);
    doc[fields.status] = status_text;
    doc[fields.error] = error;
  } else {
    // The job type is unknown: reset both, so that neither stays in progress for ever.
    for (JobType t : {JobType::kAccessControl, JobType::kFull}) {
      const SyncStatusFields fields = sync_status_fields(t);
      doc[fields.status] = status_text;
      doc[fields.error] = error;
    }
  }
  if (type && *type != JobType::kAccessControl && status == JobStatus::kCompleted) doc["sync_cursor"] = cursor;
  if (job && terminated(status)) {
    doc["last_indexed_document_count"] = count_of(job->source(), "indexed_document_count");
    doc["last_deleted_document_count"] = count_of(job->source(), "deleted_document_count");
  }
  return doc;
}

}  // namespace connectors::service
