#include "connector/job_runner.hpp"

#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "connector/basic_rules.hpp"
#include "connector/connector_features.hpp"
#include "connector/error_text.hpp"
#include "connector/job_reporter.hpp"
#include "connector/license_check.hpp"
#include "connector/source_factory.hpp"
#include "connector/sync_outcome.hpp"
#include "connector/sync_pipeline.hpp"
#include "connector/sync_rule_validation.hpp"
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
constexpr core::Millis kClaimRetryPause{500};

class UnsupportedJobType : public core::Error {
 public:
  explicit UnsupportedJobType(std::string message) : core::Error("UnsupportedJobType", std::move(message)) {}
};

class InsufficientESLicenseError : public core::Error {
 public:
  InsufficientESLicenseError(License required, License actual)
      : core::Error("InsufficientESLicenseError", license_message(required, actual)) {}
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
  const SyncStatusFields fields = sync_status_fields(type_);
  for (int attempt = 1; attempt <= kConcurrencyAttempts; ++attempt) {
    auto connector = connectors.get(job_.connector_id(), stop);
    if (!connector) {
      spdlog::warn("{} Couldn't reload connector {}", prefix(), job_.connector_id());
      return false;
    }
    if (connector_sync_status(*connector, type_) == JobStatus::kInProgress) {
      spdlog::info("{} {} sync job is started for connector {} by another connector instance", prefix(),
                   type_ == JobType::kAccessControl ? "An access control" : "A content", job_.connector_id());
      return false;
    }
    const json::value* previous = connector->source().if_contains(fields.status);
    previous_sync_status_ = previous ? *previous : json::value(nullptr);
    const json::object doc{{"status", "connected"}, {"error", nullptr}, {fields.status, "in_progress"}, {fields.error, nullptr}};
    try {
      connectors.update(job_.connector_id(), doc, connector->seq_no(), stop);
      marked_ = true;
      connector_ = std::move(connector);
      return true;
    } catch (const protocol::VersionConflict&) {
      // Someone else wrote the connector in between: read it again and decide again.
    }
  }
  spdlog::warn("{} Could not mark connector {} as syncing after {} attempts", prefix(),
               job_.connector_id(), kConcurrencyAttempts);
  return false;
}

void JobRunner::claim(std::stop_token stop) {
  // The claim must land within kClaimDeadline of the guarded write, so that no other instance
  // takes the in_progress mark for an abandoned one meanwhile (stale_sync_recovery.hpp).
  const auto deadline = context_.clock.steady_now() + kClaimDeadline;
  json::value cursor = nullptr;
  if (type_ == JobType::kIncremental && connector_) cursor = connector_->sync_cursor();
  protocol::SyncJobIndex jobs(context_.es);
  while (true) {
    const auto left = std::chrono::duration_cast<core::Millis>(deadline - context_.clock.steady_now());
    if (left <= core::Millis{0}) {
      throw core::Error("ClaimTimeout", "could not claim the job within " +
                                            std::to_string(kClaimDeadline.count()) + "s");
    }
    protocol::RequestOptions options;
    options.retry = false;
    options.timeout = left;
    try {
      jobs.claim(job_.id(), context_.hostname, cursor, stop, options);
      return;
    } catch (const protocol::TransportError& e) {
      if (!e.retryable()) throw;
      spdlog::warn("{} Claiming the job failed, trying again: {}", prefix(), e.what());
    } catch (const protocol::EsError& e) {
      if (e.status() != 429 && e.status() < 500) throw;
      spdlog::warn("{} Claiming the job failed, trying again: {}", prefix(), e.what());
    }
    if (!context_.clock.sleep_for(kClaimRetryPause, stop)) throw core::StopRequested();
  }
}

void JobRunner::undo_connector_mark() {
  // Before the claim the job is untouched: it stays pending. The connector gets back its
  // previous status field, unless someone wrote it since (then it is theirs).
  if (!marked_) return;
  const SyncStatusFields fields = sync_status_fields(type_);
  try {
    protocol::ConnectorIndex connectors(context_.es);
    const auto connector = connectors.get(job_.connector_id(), {});
    if (!connector || connector_sync_status(*connector, type_) != JobStatus::kInProgress) return;
    connectors.update(job_.connector_id(), json::object{{fields.status, previous_sync_status_}}, connector->seq_no(),
                      {});
  } catch (const std::exception& undo) {
    spdlog::error("{} Could not reset the connector's {}: {}", prefix(), fields.status, undo.what());
  }
}

void JobRunner::run(std::stop_token service_stop) {
  try {
    if (!start_connector_sync(service_stop)) return;
    claim(service_stop);
  } catch (const core::StopRequested&) {
    undo_connector_mark();
    return;
  } catch (const std::exception& e) {
    spdlog::error("{} Could not start the sync: {}", prefix(), e.what());
    undo_connector_mark();
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

  if (error) spdlog::error("{} {}", prefix(), *error);
  finish(status, error, stats, cursor);
  log_counters(status, std::chrono::duration<double>(context_.clock.steady_now() - started).count(), stats);
}

json::value JobRunner::execute(std::stop_token stop, IngestStats& stats) {
  const std::string service_type = job_.service_type();
  const sources::SourceDescriptor* descriptor = context_.registry.find(service_type);
  if (!descriptor) throw UnknownServiceType(service_type);
  const ConnectorFeatures features =
      ConnectorFeatures::from_json(connector_ ? connector_->features() : json::value(nullptr));
  std::unique_ptr<sources::Source> source = create_source(context_.registry, service_type, job_.configuration());
  source->ping();

  protocol::EsClient content(context_.transport, content_client_settings(context_.config, job_.connector_id()),
                             context_.clock);
  SyncSettings settings;
  settings.index_name = job_.index_name();
  settings.pipeline = job_.pipeline();
  settings.bulk = context_.config.elasticsearch.bulk;
  sources::SyncRequest request;

  if (type_ == JobType::kAccessControl) {
    if (features.document_level_security) {
      const License license = fetch_license(context_.es, stop);
      if (!license_allows(license, License::kPlatinum)) throw InsufficientESLicenseError(License::kPlatinum, license);
    }
    // The access-control index is created by _bulk itself, as in Elastic's service.
    settings.mode = SyncMode::kAccessControl;
  } else {
    if (type_ == JobType::kIncremental && !features.incremental_sync) {
      throw UnsupportedJobType("Connector " + job_.connector_id() + " does not support incremental sync.");
    }
    if (features.sync_rules) {
      const json::value filtering = job_.filtering();
      FilteringValidation validation =
          validate_filtering(filtering, descriptor->features.advanced_sync_rules ? source.get() : nullptr);
      if (!validation.valid()) throw InvalidFilteringError(validation);
      const json::value* rules = filtering.is_object() ? filtering.get_object().if_contains("rules") : nullptr;
      settings.rules = std::make_shared<const BasicRules>(BasicRules::from_rules(rules ? *rules : json::value()));
    }
    protocol::ContentIndex index(content, job_.index_name());
    if (!index.exists(stop)) {
      spdlog::info("{} Creating index {}", prefix(), job_.index_name());
      index.create(stop);
    }
    request.advanced_rules = advanced_rules_of(job_.filtering());
    // A source with its own incremental sync reads from the cursor and deletes nothing; for
    // one without, an incremental job is a full sync.
    if (type_ == JobType::kIncremental && descriptor->features.incremental_sync) {
      request.kind = sources::SyncKind::kIncremental;
      // The connector's cursor, as sent with the claim (Elastic reads it from the connector).
      request.sync_cursor = connector_ ? connector_->sync_cursor() : job_.sync_cursor();
      settings.mode = SyncMode::kIncremental;
    }
  }

  SyncPipeline pipeline(content, context_.clock, settings, stats);
  pipeline.run(*source, request, stop);
  return type_ == JobType::kAccessControl ? json::value(nullptr) : source->sync_cursor();
}

void JobRunner::finish(JobStatus status, const std::optional<std::string>& error, const IngestStats& stats,
                       const json::value& cursor) {
  // These writes must happen even while the service is stopping: no stop token.
  const std::stop_token no_stop;
  const std::string now = core::format_python_utc(context_.clock.now());
  protocol::SyncJobIndex jobs(context_.es);
  protocol::ConnectorIndex connectors(context_.es);

  try {
    if (jobs.get(job_.id(), no_stop)) {
      // Elastic counts the connector's content index, also for access-control jobs.
      std::optional<std::int64_t> total;
      if (const auto connector = connectors.get(job_.connector_id(), no_stop)) {
        try {
          protocol::EsClient content(context_.transport,
                                     content_client_settings(context_.config, job_.connector_id()), context_.clock);
          protocol::ContentIndex index(content, connector->index_name());
          index.refresh(no_stop);
          total = index.count(no_stop);
        } catch (const std::exception& e) {
          spdlog::warn("{} Could not count the documents of index {}: {}", prefix(), connector->index_name(),
                       e.what());
        }
      }
      jobs.update(job_.id(), job_terminal_patch(status, error, stats.snapshot(), total, now), no_stop);
    } else {
      spdlog::error("{} Couldn't reload sync job", prefix());
    }
  } catch (const std::exception& e) {
    spdlog::error("{} Could not write the job's terminal state '{}': {}", prefix(), protocol::to_string(status),
                  e.what());
  }

  try {
    if (!connectors.get(job_.connector_id(), no_stop)) {
      spdlog::warn("{} Couldn't reload connector", prefix());
      return;
    }
    const auto reloaded = jobs.get(job_.id(), no_stop);
    connectors.update(job_.connector_id(), connector_sync_done_patch(reloaded, cursor, now), std::nullopt, no_stop);
  } catch (const std::exception& e) {
    spdlog::error("{} Could not update the connector after the sync: {}", prefix(), e.what());
  }
}

void JobRunner::log_counters(JobStatus status, double seconds, const IngestStats& stats) const {
  spdlog::info("{} Sync ended with status {} -- created: {} | updated: {} | deleted: {} (took {} seconds)", prefix(),
               protocol::to_string(status), stats.creates_queued.load(), stats.updates_queued.load(),
               stats.deletes_queued.load(), static_cast<long long>(seconds));
  spdlog::info("{} --- Counters ---", prefix());
  std::string all;
  for (const auto& [name, value] : stats.counters()) {
    spdlog::info("{} '{}' : {}", prefix(), name, value);
    all += (all.empty() ? "'" : ", '") + name + "': " + std::to_string(value);
  }
  spdlog::info("{} full counters dictionary: {{{}}}", prefix(), all);
  spdlog::info("{} ----------------", prefix());
}

}  // namespace connectors::service
