#include "protocol/connector_document.hpp"

#include "core/time_format.hpp"

namespace connectors::protocol {
namespace json = boost::json;

namespace {

const json::object kEmptyObject;

std::string string_or_empty(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool bool_or(const json::object& o, std::string_view key, bool fallback) {
  const json::value* v = o.if_contains(key);
  return v && v->is_bool() ? v->get_bool() : fallback;
}

std::optional<core::WallTime> time_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return core::parse_iso8601(v->get_string());
}

json::value value_or_null(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? *v : json::value(nullptr);
}

struct Hit {
  std::string id;
  std::optional<SeqNo> seq_no;
  json::object source;
};

Hit parse_hit(const json::value& hit, std::string_view what) {
  if (!hit.is_object()) throw DocumentError(std::string(what) + " is not a JSON object");
  const auto& o = hit.get_object();
  Hit out;
  out.id = string_or_empty(o, "_id");
  if (out.id.empty()) throw DocumentError(std::string(what) + " has no _id");
  const json::value* source = o.if_contains("_source");
  if (!source || !source->is_object()) {
    throw DocumentError(std::string(what) + " [" + out.id + "] has no _source");
  }
  out.source = source->get_object();
  const json::value* seq = o.if_contains("_seq_no");
  const json::value* term = o.if_contains("_primary_term");
  if (seq && term && seq->is_number() && term->is_number()) {
    out.seq_no = SeqNo{seq->to_number<std::int64_t>(), term->to_number<std::int64_t>()};
  }
  return out;
}

}  // namespace

std::string_view to_string(ConnectorStatus status) {
  switch (status) {
    case ConnectorStatus::kCreated: return "created";
    case ConnectorStatus::kNeedsConfiguration: return "needs_configuration";
    case ConnectorStatus::kConfigured: return "configured";
    case ConnectorStatus::kConnected: return "connected";
    case ConnectorStatus::kError: return "error";
  }
  return "error";
}

std::string_view to_string(JobStatus status) {
  switch (status) {
    case JobStatus::kPending: return "pending";
    case JobStatus::kInProgress: return "in_progress";
    case JobStatus::kCanceling: return "canceling";
    case JobStatus::kCanceled: return "canceled";
    case JobStatus::kCompleted: return "completed";
    case JobStatus::kError: return "error";
    case JobStatus::kSuspended: return "suspended";
  }
  return "error";
}

std::string_view to_string(JobType type) {
  switch (type) {
    case JobType::kFull: return "full";
    case JobType::kIncremental: return "incremental";
    case JobType::kAccessControl: return "access_control";
  }
  return "full";
}

std::string_view to_string(TriggerMethod method) {
  return method == TriggerMethod::kScheduled ? "scheduled" : "on_demand";
}

std::optional<ConnectorStatus> parse_connector_status(std::string_view text) {
  for (auto s : {ConnectorStatus::kCreated, ConnectorStatus::kNeedsConfiguration,
                 ConnectorStatus::kConfigured, ConnectorStatus::kConnected, ConnectorStatus::kError}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<JobStatus> parse_job_status(std::string_view text) {
  for (auto s : {JobStatus::kPending, JobStatus::kInProgress, JobStatus::kCanceling,
                 JobStatus::kCanceled, JobStatus::kCompleted, JobStatus::kError,
                 JobStatus::kSuspended}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<JobType> parse_job_type(std::string_view text) {
  for (auto t : {JobType::kFull, JobType::kIncremental, JobType::kAccessControl}) {
    if (to_string(t) == text) return t;
  }
  return std::nullopt;
}

PipelineSettings PipelineSettings::from_json(const json::value& pipeline) {
  PipelineSettings settings;
  if (!pipeline.is_object()) return settings;
  const auto& o = pipeline.get_object();
  if (auto name = string_or_empty(o, "name"); !name.empty()) settings.name = name;
  settings.extract_binary_content = bool_or(o, "extract_binary_content", true);
  settings.reduce_whitespace = bool_or(o, "reduce_whitespace", true);
  settings.run_ml_inference = bool_or(o, "run_ml_inference", true);
  return settings;
}

ConnectorDocument ConnectorDocument::from_hit(const json::value& hit) {
  Hit h = parse_hit(hit, "connector document");
  ConnectorDocument doc;
  doc.id_ = std::move(h.id);
  doc.seq_no_ = h.seq_no;
  doc.source_ = std::move(h.source);
  return doc;
}

std::optional<ConnectorStatus> ConnectorDocument::status() const {
  return parse_connector_status(string_or_empty(source_, "status"));
}
std::string ConnectorDocument::service_type() const { return string_or_empty(source_, "service_type"); }
std::string ConnectorDocument::index_name() const { return string_or_empty(source_, "index_name"); }
bool ConnectorDocument::deleted() const { return bool_or(source_, "deleted", false); }
bool ConnectorDocument::is_native() const { return bool_or(source_, "is_native", false); }

const json::object& ConnectorDocument::configuration() const {
  const json::value* v = source_.if_contains("configuration");
  return v && v->is_object() ? v->get_object() : kEmptyObject;
}

json::value ConnectorDocument::features() const { return value_or_null(source_, "features"); }
std::optional<core::WallTime> ConnectorDocument::last_seen() const { return time_field(source_, "last_seen"); }
std::optional<JobStatus> ConnectorDocument::last_sync_status() const {
  return parse_job_status(string_or_empty(source_, "last_sync_status"));
}
json::value ConnectorDocument::sync_cursor() const { return value_or_null(source_, "sync_cursor"); }
PipelineSettings ConnectorDocument::pipeline() const {
  return PipelineSettings::from_json(value_or_null(source_, "pipeline"));
}

SyncJobDocument SyncJobDocument::from_hit(const json::value& hit) {
  Hit h = parse_hit(hit, "sync job document");
  SyncJobDocument doc;
  doc.id_ = std::move(h.id);
  doc.seq_no_ = h.seq_no;
  doc.source_ = std::move(h.source);
  if (doc.connector_id().empty()) {
    throw DocumentError("sync job [" + doc.id_ + "] has no connector.id");
  }
  return doc;
}

const json::object& SyncJobDocument::connector() const {
  const json::value* v = source_.if_contains("connector");
  return v && v->is_object() ? v->get_object() : kEmptyObject;
}

std::optional<JobStatus> SyncJobDocument::status() const {
  return parse_job_status(string_or_empty(source_, "status"));
}
std::optional<JobType> SyncJobDocument::job_type() const {
  return parse_job_type(string_or_empty(source_, "job_type"));
}
std::string SyncJobDocument::trigger_method() const { return string_or_empty(source_, "trigger_method"); }
std::optional<core::WallTime> SyncJobDocument::created_at() const { return time_field(source_, "created_at"); }
std::optional<core::WallTime> SyncJobDocument::last_seen() const { return time_field(source_, "last_seen"); }
std::string SyncJobDocument::connector_id() const { return string_or_empty(connector(), "id"); }
std::string SyncJobDocument::index_name() const { return string_or_empty(connector(), "index_name"); }
std::string SyncJobDocument::service_type() const { return string_or_empty(connector(), "service_type"); }

const json::object& SyncJobDocument::configuration() const {
  const json::value* v = connector().if_contains("configuration");
  return v && v->is_object() ? v->get_object() : kEmptyObject;
}

json::value SyncJobDocument::filtering() const { return value_or_null(connector(), "filtering"); }
json::value SyncJobDocument::sync_cursor() const { return value_or_null(connector(), "sync_cursor"); }
PipelineSettings SyncJobDocument::pipeline() const {
  return PipelineSettings::from_json(value_or_null(connector(), "pipeline"));
}

}  // namespace connectors::protocol
