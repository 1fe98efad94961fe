#include "connector/job_scheduler.hpp"

#include <spdlog/spdlog.h>

#include "connector/quartz_cron.hpp"
#include "core/time_format.hpp"
#include "protocol/connector_index.hpp"
#include "protocol/sync_job_index.hpp"

namespace connectors::service {
namespace json = boost::json;
using protocol::JobType;

namespace {

constexpr int kConcurrencyAttempts = 3;

const char* scheduling_key(JobType type) {
  switch (type) {
    case JobType::kFull: return "full";
    case JobType::kIncremental: return "incremental";
    case JobType::kAccessControl: return "access_control";
  }
  return "full";
}

std::string prefix(const protocol::ConnectorDocument& c) {
  return "[Connector id: " + c.id() + ", index name: " + c.index_name() + "]";
}

}  // namespace

const char* scheduled_at_field(JobType type) {
  switch (type) {
    case JobType::kFull: return "last_sync_scheduled_at";
    case JobType::kIncremental: return "last_incremental_sync_scheduled_at";
    case JobType::kAccessControl: return "last_access_control_sync_scheduled_at";
  }
  return "last_sync_scheduled_at";
}

JobScheduler::JobScheduler(ServiceContext& context)
    : context_(context), previous_wake_up_(context.clock.now()), this_wake_up_(previous_wake_up_) {}

void JobScheduler::begin_pass() {
  previous_wake_up_ = this_wake_up_;
  this_wake_up_ = context_.clock.now();
}

std::optional<core::WallTime> JobScheduler::try_schedule(const std::string& connector_id, JobType type,
                                                         std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  const char* type_name = scheduling_key(type);
  for (int attempt = 1; attempt <= kConcurrencyAttempts; ++attempt) {
    const auto connector = connectors.get(connector_id, stop);
    if (!connector) {
      spdlog::error("[Connector id: {}] Couldn't reload connector", connector_id);
      return std::nullopt;
    }
    const json::object& source = connector->source();
    const json::value* schedule = nullptr;
    if (const auto* scheduling = source.if_contains("scheduling"); scheduling && scheduling->is_object()) {
      schedule = scheduling->get_object().if_contains(type_name);
    }
    const json::value* enabled = schedule && schedule->is_object() ? schedule->get_object().if_contains("enabled") : nullptr;
    if (!enabled || !enabled->is_bool() || !enabled->get_bool()) {
      spdlog::debug("{} '{}' sync scheduling is disabled", prefix(*connector), type_name);
      return std::nullopt;
    }
    const json::value* interval = schedule->get_object().if_contains("interval");
    std::optional<QuartzCron> cron;
    try {
      if (!interval || !interval->is_string()) throw CronError("the schedule has no interval");
      cron = QuartzCron::parse(interval->get_string());
    } catch (const CronError& e) {
      spdlog::error("{} {}", prefix(*connector), e.message());
      connectors.update(connector_id, json::object{{"status", "error"}, {"error", e.message()}}, std::nullopt, stop);
      return std::nullopt;
    }
    const core::WallTime now = context_.clock.now();

    std::optional<core::WallTime> last_scheduled;
    if (const auto* at = source.if_contains(scheduled_at_field(type)); at && at->is_string()) {
      last_scheduled = core::parse_iso8601(at->get_string());
    }
    if (last_scheduled && *last_scheduled > previous_wake_up_) {
      spdlog::debug("{} A scheduled '{}' sync is created by another connector instance, skipping...",
                    prefix(*connector), type_name);
      return cron->next_after(now);
    }
    const auto next = cron->next_after(previous_wake_up_);
    if (!next) {
      spdlog::debug("{} '{}' sync schedule has no occurrence left", prefix(*connector), type_name);
      return std::nullopt;
    }
    if (now < *next) {
      spdlog::debug("{} Next '{}' sync due in {} seconds", prefix(*connector), type_name,
                    std::chrono::duration_cast<std::chrono::seconds>(*next - now).count());
      return next;
    }
    try {
      connectors.update(connector_id, json::object{{scheduled_at_field(type), core::format_python_utc(*next)}},
                        connector->seq_no(), stop);
    } catch (const protocol::VersionConflict&) {
      continue;  // written meanwhile, perhaps by another instance scheduling the same occurrence
    }
    spdlog::info("{} Creating a scheduled '{}' sync...", prefix(*connector), type_name);
    const std::string job_id =
        protocol::SyncJobIndex(context_.es).create(connector_id, type, protocol::TriggerMethod::kScheduled, stop);
    spdlog::debug("{} Scheduled '{}' occurrence {} as job {}", prefix(*connector), type_name,
                  core::format_python_utc(*next), job_id);
    return cron->next_after(now);
  }
  spdlog::warn("[Connector id: {}] Could not record the scheduled '{}' sync after {} attempts", connector_id,
               type_name, kConcurrencyAttempts);
  return std::nullopt;
}

}  // namespace connectors::service
