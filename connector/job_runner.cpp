#include "connector/job_runner.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "connector/error_text.hpp"
#include "connector/job_reporter.hpp"
#include "connector/source_factory.hpp"
#include "connector/sync_pipeline.hpp"
#include "core/time_format.hpp"
#include "protocol/connector_index.hpp"
#include "protocol/content_index.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {
namespace json = boost::json;
using protocol::JobStatus;
using protocol::JobType;

namespace {

constexpr int kConcurrencyAttempts = 3;  // Elastic's with_concurrency_control

class UnsupportedJobType : public core::Error {
 public:
  explicit UnsupportedJobType(std::string message) : core::Error("UnsupportedJobType", std::move(message)) {}
};

}  // namespace

JobRunner::JobRunner(ServiceContext& context, protocol::SyncJobDocument job)
    : context_(context), job_(std::move(job)), type_(job_.job_type().value_or(JobType::kFull)) {}

std::string JobRunner::prefix() const {
  return "[Connector id: " + job_.connector_id() + ", index name: " + job_.index_name() +
         ", Sync job id: " + job_.id() + "]";
}

bool JobRunner::start_connector_sync(std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  for (int attempt = 1; attempt <= kConcurrencyAttempts; ++attempt) {
    const auto connector = connectors.get(job_.connector_id(), stop);
    if (!connector) {
      spdlog::warn("{} Couldn't reload connector {}", prefix(), job_.connector_id());
      return false;
    }
    if (connector->last_sync_status() == JobStatus::kInProgress) {
      spdlog::info("{} A content sync job is started for connector {} by another connector instance",
                   prefix(), job_.connector_id());
      return false;
    }
    const json::value* previous = connector->source().if_contains("last_sync_status");
    previous_last_sync_status_ = previous ? *previous : json::value(nullptr);
    const json::object doc{{"status", "connected"},
                           {"error", nullptr},
                           {"last_sync_status", "in_progress"},
                           {"last_sync_error", nullptr}};
    try {
      connectors.update(job_.connector_id(), doc, connector->seq_no(), stop);
      return true;
    } catch (const protocol::VersionConflict&) {
      // Someone else wrote the connector in between: read it again and decide again.
    }
  }
  spdlog::warn("{} Could not mark connector {} as syncing after {} attempts", prefix(),
               job_.connector_id(), kConcurrencyAttempts);
  return false;
}

void JobRunner::run(std::stop_token service_stop) {
  if (type_ == JobType::kAccessControl) {
    spdlog::warn("{} Access control syncs are not supported by this service; leaving the job pending",
                 prefix());
    return;
  }
  try {
    if (!start_connector_sync(service_stop)) return;
    protocol::SyncJobIndex jobs(context_.es);
    json::value cursor = nullptr;
    if (type_ == JobType::kIncremental) {
      protocol::ConnectorIndex connectors(context_.es);
      if (auto connector = connectors.get(job_.connector_id(), service_stop)) cursor = connector->sync_cursor();
    }
    jobs.claim(job_.id(), context_.hostname, cursor, service_stop);
  } catch (const core::StopRequested&) {
    return;
  } catch (const std::exception& e) {
    // Before the claim the job is untouched: it stays pending. Undo the connector mark so
    // that it can sync again.
    spdlog::error("{} Could not start the sync: {}", prefix(), e.what());
    try {
      protocol::ConnectorIndex(context_.es)
          .update(job_.connector_id(), json::object{{"last_sync_status", previous_last_sync_status_}},
                  std::nullopt, {});
    } catch (const std::exception& undo) {
      spdlog::error("{} Could not reset the connector's last_sync_status: {}", prefix(), undo.what());
    }
    return;
  }
  spdlog::info("{} Claimed {} sync job", prefix(), protocol::to_string(type_));

  IngestStats stats;
  std::stop_source job_stop;
  std::stop_callback on_service_stop(service_stop, [&] { job_stop.request_stop(); });
  JobReporter reporter(context_, job_.id(), job_.connector_id(), stats, job_stop);
  reporter.start();

  JobStatus status = JobStatus::kCompleted;
  std::optional<std::string> error;
  json::value cursor = nullptr;
  const auto started = context_.clock.steady_now();
  try {
    cursor = execute(job_stop.get_token(), stats);
  } catch (const core::StopRequested&) {
    status = JobStatus::kError;
  } catch (const std::exception& e) {
    status = JobStatus::kError;
    error = job_error_text(e);
  }
  reporter.stop();
  if (reporter.canceled()) {
    status = JobStatus::kCanceled;
    error.reset();
  } else if (auto reason = reporter.abort_reason()) {
    status = JobStatus::kError;
    error = *reason;
  } else if (service_stop.stop_requested() && status != JobStatus::kCompleted) {
    status = JobStatus::kSuspended;
    error.reset();
  } else if (status == JobStatus::kError && !error) {
    error = "StopRequested: the sync was stopped";
  }

  const auto seconds = std::chrono::duration<double>(context_.clock.steady_now() - started).count();
  const auto snapshot = stats.snapshot();
  spdlog::info("{} Sync ended with status '{}' in {:.1f}s -- extracted: {} | indexed: {} | deleted: {} | "
               "dropped (too large): {} | rejected: {} | retried: {} | bulk requests: {}",
               prefix(), protocol::to_string(status), seconds, stats.docs_extracted.load(),
               snapshot.indexed_document_count, snapshot.deleted_document_count,
               stats.dropped_too_large.load(), stats.item_errors.load(), stats.item_retries.load(),
               stats.bulk_requests.load());
  if (error) spdlog::error("{} {}", prefix(), *error);
  finish(status, error, stats, cursor);
}

json::value JobRunner::execute(std::stop_token stop, IngestStats& stats) {
  const std::string service_type = job_.service_type();
  const sources::SourceDescriptor* descriptor = context_.registry.find(service_type);
  if (!descriptor) throw UnknownServiceType(service_type);
  if (type_ == JobType::kIncremental && !descriptor->features.incremental_sync) {
    throw UnsupportedJobType("Connector " + job_.connector_id() + " does not support incremental sync.");
  }
  std::unique_ptr<sources::Source> source = create_source(context_.registry, service_type, job_.configuration());
  source->ping();

  protocol::EsClient content(context_.transport, content_client_settings(context_.config, job_.connector_id()),
                             context_.clock);
  protocol::ContentIndex index(content, job_.index_name());
  if (!index.exists(stop)) {
    spdlog::info("{} Creating index {}", prefix(), job_.index_name());
    index.create(stop);
  }

  sources::SyncRequest request;
  request.kind = type_ == JobType::kIncremental ? sources::SyncKind::kIncremental : sources::SyncKind::kFull;
  const json::value filtering = job_.filtering();
  if (filtering.is_object()) {
    if (const auto* snippet = filtering.get_object().if_contains("advanced_snippet"); snippet && snippet->is_object()) {
      if (const auto* value = snippet->get_object().if_contains("value")) {
        const bool empty = value->is_null() || (value->is_object() && value->get_object().empty()) ||
                           (value->is_array() && value->get_array().empty());
        if (!empty) request.advanced_rules = *value;
      }
    }
  }
  request.sync_cursor = job_.sync_cursor();

  SyncSettings settings;
  settings.index_name = job_.index_name();
  settings.pipeline = job_.pipeline();
  settings.bulk = context_.config.elasticsearch.bulk;
  settings.delete_stale_documents = type_ == JobType::kFull;
  SyncPipeline pipeline(content, context_.clock, settings, stats);
  pipeline.run(*source, request, stop);
  return source->sync_cursor();
}

void JobRunner::finish(JobStatus status, const std::optional<std::string>& error, const IngestStats& stats,
                       const json::value& cursor) {
  // These writes must happen even while the service is stopping: no stop token.
  const std::stop_token no_stop;
  const std::string now = core::format_python_utc(context_.clock.now());
  const protocol::IngestionStats snapshot = stats.snapshot();

  std::optional<std::int64_t> total;
  try {
    protocol::EsClient content(context_.transport, content_client_settings(context_.config, job_.connector_id()),
                               context_.clock);
    protocol::ContentIndex index(content, job_.index_name());
    index.refresh(no_stop);
    total = index.count(no_stop);
  } catch (const std::exception& e) {
    spdlog::warn("{} Could not count the documents of index {}: {}", prefix(), job_.index_name(), e.what());
  }

  json::object job_doc{{"last_seen", now},
                       {"status", protocol::to_string(status)},
                       {"error", error ? json::value(*error) : json::value(nullptr)},
                       {"indexed_document_count", snapshot.indexed_document_count},
                       {"indexed_document_volume", snapshot.indexed_document_volume},
                       {"deleted_document_count", snapshot.deleted_document_count}};
  if (total) job_doc["total_document_count"] = *total;
  if (status == JobStatus::kCompleted || status == JobStatus::kError || status == JobStatus::kCanceled) {
    job_doc["completed_at"] = now;
  }
  if (status == JobStatus::kCanceled) job_doc["canceled_at"] = now;
  try {
    protocol::SyncJobIndex(context_.es).update(job_.id(), job_doc, no_stop);
  } catch (const std::exception& e) {
    spdlog::error("{} Could not write the job's terminal state '{}': {}", prefix(),
                  protocol::to_string(status), e.what());
  }

  protocol::ConnectorIndex connectors(context_.es);
  try {
    if (!connectors.get(job_.connector_id(), no_stop)) {
      spdlog::warn("{} The connector is gone; not updating it", prefix());
      return;
    }
    json::object connector_doc{{"last_synced", now},
                               {"status", status == JobStatus::kError ? "error" : "connected"},
                               {"error", error ? json::value(*error) : json::value(nullptr)},
                               {"last_sync_status", protocol::to_string(status)},
                               {"last_sync_error", error ? json::value(*error) : json::value(nullptr)}};
    if (status == JobStatus::kCompleted) connector_doc["sync_cursor"] = cursor;
    if (status != JobStatus::kSuspended) {
      connector_doc["last_indexed_document_count"] = snapshot.indexed_document_count;
      connector_doc["last_deleted_document_count"] = snapshot.deleted_document_count;
    }
    connectors.update(job_.connector_id(), connector_doc, std::nullopt, no_stop);
  } catch (const std::exception& e) {
    spdlog::error("{} Could not update the connector after the sync: {}", prefix(), e.what());
  }
}

}  // namespace connectors::service
