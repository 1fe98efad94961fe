#pragma once
// The connector protocol's two documents, as read from Elasticsearch: a connector
// (.elastic-connectors) and a sync job (.elastic-connectors-sync-jobs).
//
// Each keeps its whole `_source` (so fields this version does not know survive a
// read-modify-write) plus the `_seq_no`/`_primary_term` it was read with, which guarded
// writes send back as if_seq_no/if_primary_term. Typed accessors read the fields the
// service acts on; a missing or mistyped field reads as its protocol default.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace connectors::protocol {

enum class ConnectorStatus { kCreated, kNeedsConfiguration, kConfigured, kConnected, kError };
enum class JobStatus { kPending, kInProgress, kCanceling, kCanceled, kCompleted, kError, kSuspended };
enum class JobType { kFull, kIncremental, kAccessControl };
enum class TriggerMethod { kOnDemand, kScheduled };

std::string_view to_string(ConnectorStatus status);
std::string_view to_string(JobStatus status);
std::string_view to_string(JobType type);
std::string_view to_string(TriggerMethod method);
std::optional<ConnectorStatus> parse_connector_status(std::string_view text);
std::optional<JobStatus> parse_job_status(std::string_view text);
std::optional<JobType> parse_job_type(std::string_view text);

// A document could not be understood (e.g. a job without a connector id).
class DocumentError : public core::Error {
 public:
  explicit DocumentError(std::string message) : core::Error("DocumentError", std::move(message)) {}
};

// The concurrency token of a document read: pass it back to make a write conditional.
struct SeqNo {
  std::int64_t seq_no = 0;
  std::int64_t primary_term = 0;
};

// `pipeline` settings of a connector (and of a job's connector snapshot).
struct PipelineSettings {
  std::string name = "search-default-ingestion";
  bool extract_binary_content = true;
  bool reduce_whitespace = true;
  bool run_ml_inference = true;

  static PipelineSettings from_json(const boost::json::value& pipeline);
};

class ConnectorDocument {
 public:
  // From a search hit or a GET _doc response (`_id`, `_source`, `_seq_no`, `_primary_term`).
  static ConnectorDocument from_hit(const boost::json::value& hit);

  const std::string& id() const { return id_; }
  const std::optional<SeqNo>& seq_no() const { return seq_no_; }
  const boost::json::object& source() const { return source_; }

  std::optional<ConnectorStatus> status() const;
  std::string service_type() const;  // "" when null
  std::string index_name() const;
  bool deleted() const;
  bool is_native() const;
  const boost::json::object& configuration() const;  // empty object when absent
  boost::json::value features() const;               // null when absent
  std::optional<core::WallTime> last_seen() const;
  std::optional<JobStatus> last_sync_status() const;
  boost::json::value sync_cursor() const;
  PipelineSettings pipeline() const;

 private:
  std::string id_;
  std::optional<SeqNo> seq_no_;
  boost::json::object source_;
};

class SyncJobDocument {
 public:
  static SyncJobDocument from_hit(const boost::json::value& hit);

  const std::string& id() const { return id_; }
  const std::optional<SeqNo>& seq_no() const { return seq_no_; }
  const boost::json::object& source() const { return source_; }

  std::optional<JobStatus> status() const;
  std::optional<JobType> job_type() const;
  std::string trigger_method() const;
  std::optional<core::WallTime> created_at() const;
  std::optional<core::WallTime> last_seen() const;

  // The connector snapshot taken when the job was created.
  std::string connector_id() const;
  std::string index_name() const;
  std::string service_type() const;
  const boost::json::object& configuration() const;
  boost::json::value filtering() const;
  boost::json::value sync_cursor() const;
  PipelineSettings pipeline() const;

 private:
  const boost::json::object& connector() const;

  std::string id_;
  std::optional<SeqNo> seq_no_;
  boost::json::object source_;
};

}  // namespace connectors::protocol
