#include "connector/connector_pass.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "connector/connector_features.hpp"
#include "connector/connector_preparation.hpp"
#include "connector/error_text.hpp"
#include "connector/license_check.hpp"
#include "connector/source_factory.hpp"
#include "connector/sync_rule_validation.hpp"
#include "protocol/connector_index.hpp"

namespace connectors::service {
namespace json = boost::json;
using protocol::JobType;

namespace {

constexpr int kConcurrencyAttempts = 3;

std::string prefix(const protocol::ConnectorDocument& c) {
  return "[Connector id: " + c.id() + ", index name: " + c.index_name() + "]";
}

const ConnectorEntry* find_entry(const Config& config, const std::string& id) {
  for (const auto& entry : config.connectors) {
    if (entry.connector_id == id) return &entry;
  }
  return nullptr;
}

// The draft of the DEFAULT filtering domain, the only one the service looks at.
const json::value* default_draft(const protocol::ConnectorDocument& connector) {
  const json::value* filtering = connector.source().if_contains("filtering");
  if (!filtering || !filtering->is_array()) return nullptr;
  for (const auto& entry : filtering->get_array()) {
    if (!entry.is_object()) continue;
    const json::value* domain = entry.get_object().if_contains("domain");
    if (domain && domain->is_string() && domain->get_string() == "DEFAULT") return entry.get_object().if_contains("draft");
  }
  return nullptr;
}

std::optional<core::WallTime> earliest(std::optional<core::WallTime> a, std::optional<core::WallTime> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

}  // namespace

std::vector<std::string> managed_connector_ids(const Config& config) {
  std::vector<std::string> ids;
  for (const auto& entry : config.connectors) ids.push_back(entry.connector_id);
  return ids;
}

std::vector<std::string> managed_service_types(const Config& config) {
  return config.service.worker_mode ? config.service.service_types : std::vector<std::string>{};
}

std::optional<core::WallTime> ConnectorPass::run(std::stop_token stop) {
  scheduler_.begin_pass();
  protocol::ConnectorIndex connectors(context_.es);
  const auto found = connectors.find(managed_connector_ids(context_.config),
                                     managed_service_types(context_.config), stop);
  // Up to max_concurrent_scheduling_tasks connectors at a time (Elastic's pool); unlike
  // Elastic, connectors beyond the limit wait for a free slot instead of skipping the pass.
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::optional<core::WallTime> wake_up;
  auto worker = [&] {
    while (!stop.stop_requested()) {
      const std::size_t i = next++;
      if (i >= found.size()) return;
      try {
        const auto upcoming = process(found[i], stop);
        std::lock_guard lock(mutex);
        wake_up = earliest(wake_up, upcoming);
      } catch (const core::StopRequested&) {
        return;
      } catch (const std::exception& e) {
        spdlog::error("{} {}", prefix(found[i]), e.what());
      }
    }
  };
  const std::size_t workers =
      std::min(found.size(), static_cast<std::size_t>(std::max(context_.config.service.max_concurrent_scheduling_tasks, 1)));
  if (workers <= 1) {
    worker();
  } else {
    std::vector<std::jthread> threads;
    for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(worker);
  }
  first_pass_ = false;
  return wake_up;
}

std::optional<core::WallTime> ConnectorPass::process(const protocol::ConnectorDocument& found, std::stop_token stop) {
  auto connector = prepare(found, stop);
  if (!connector) return std::nullopt;
  heartbeat(*connector, stop);
  switch (connector->status().value_or(protocol::ConnectorStatus::kCreated)) {
    case protocol::ConnectorStatus::kCreated:
      spdlog::info("{} Connector has just been created and cannot sync. Wait for Kibana to initialise "
                   "connector correctly before proceeding.",
                   prefix(*connector));
      return std::nullopt;
    case protocol::ConnectorStatus::kNeedsConfiguration:
      spdlog::info("{} Connector is not configured yet. Finish connector configuration in Kibana to make "
                   "it possible to run a sync.",
                   prefix(*connector));
      return std::nullopt;
    default:
      break;
  }
  if (!check_health(*connector, stop)) return std::nullopt;
  return schedule(*connector, stop);
}

std::optional<protocol::ConnectorDocument> ConnectorPass::prepare(protocol::ConnectorDocument connector,
                                                                  std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  const ConnectorEntry* entry = find_entry(context_.config, connector.id());
  // A connector found by service type (worker mode) keeps the type it has.
  const std::string service_type = entry ? entry->service_type : connector.service_type();
  if (service_type.empty()) {
    spdlog::error("{} Service type is not configured", prefix(connector));
    return std::nullopt;
  }
  const sources::SourceDescriptor* source = context_.registry.find(service_type);
  if (!source) {
    spdlog::error("{} Couldn't find data source class for {}", prefix(connector), service_type);
    return std::nullopt;
  }
  for (int attempt = 1;; ++attempt) {
    const json::object patch = preparation_patch(connector, *source, service_type, entry != nullptr);
    if (patch.empty()) return connector;
    if (patch.contains("status")) spdlog::info("{} Populated configuration", prefix(connector));
    try {
      connectors.update(connector.id(), patch, connector.seq_no(), stop);
    } catch (const protocol::VersionConflict&) {
      if (attempt == kConcurrencyAttempts) throw;
    }
    auto reloaded = connectors.get(connector.id(), stop);
    if (!reloaded) return std::nullopt;
    connector = std::move(*reloaded);
  }
}

void ConnectorPass::heartbeat(const protocol::ConnectorDocument& connector, std::stop_token stop) {
  const auto last_seen = connector.last_seen();
  const bool due = first_pass_ || !last_seen ||
                   context_.clock.now() - *last_seen > context_.config.service.heartbeat;
  if (!due) return;
  spdlog::debug("{} Sending heartbeat", prefix(connector));
  protocol::ConnectorIndex(context_.es).check_in(connector.id(), stop);
}

bool ConnectorPass::check_health(const protocol::ConnectorDocument& connector, std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  json::object doc;
  bool healthy = false;
  try {
    const sources::SourceDescriptor* descriptor = context_.registry.find(connector.service_type());
    if (!descriptor) throw UnknownServiceType(connector.service_type());
    auto source = create_source(context_.registry, connector.service_type(), connector.configuration());
    source->ping();
    if (ConnectorFeatures::from_json(connector.features()).sync_rules) {
      validate_draft_filtering(connector, *source, *descriptor, stop);
    }
    doc = json::object{{"status", "connected"}, {"error", nullptr}};
    healthy = true;
  } catch (const core::StopRequested&) {
    throw;
  } catch (const std::exception& e) {
    const std::string message = connector_error_text(e);
    spdlog::error("{} {}", prefix(connector), message);
    doc = json::object{{"status", "error"}, {"error", message}};
  }
  connectors.update(connector.id(), doc, std::nullopt, stop);
  return healthy;
}

void ConnectorPass::validate_draft_filtering(const protocol::ConnectorDocument& stale, sources::Source& source,
                                             const sources::SourceDescriptor& descriptor, std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  const auto connector = connectors.get(stale.id(), stop);
  if (!connector) return;
  const json::value* draft = default_draft(*connector);
  const json::value* validation =
      draft && draft->is_object() ? draft->get_object().if_contains("validation") : nullptr;
  const json::value* state =
      validation && validation->is_object() ? validation->get_object().if_contains("state") : nullptr;
  if (!state || !state->is_string() || state->get_string() != "edited") {
    spdlog::debug("{} Filtering is in state {}, skipping...", prefix(*connector),
                  state && state->is_string() ? std::string(state->get_string()) : std::string("unknown"));
    return;
  }
  spdlog::info("{} Filtering is in state edited, validating...", prefix(*connector));
  const FilteringValidation result =
      validate_filtering(*draft, descriptor.features.advanced_sync_rules ? &source : nullptr);
  spdlog::info("{} Filtering validation result: {}", prefix(*connector), result.valid() ? "valid" : "invalid");
  connectors.update_filtering_validation(connector->id(), result.to_json(), stop);
  if (result.valid()) connectors.activate_filtering(connector->id(), stop);
}

std::optional<core::WallTime> ConnectorPass::schedule(const protocol::ConnectorDocument& connector,
                                                      std::stop_token stop) {
  const ConnectorFeatures features = ConnectorFeatures::from_json(connector.features());
  const sources::SourceDescriptor* descriptor = context_.registry.find(connector.service_type());
  std::optional<core::WallTime> wake_up;
  if (features.document_level_security) {
    const License license = fetch_license(context_.es, stop);
    if (license_allows(license, License::kPlatinum)) {
      wake_up = earliest(wake_up, scheduler_.try_schedule(connector.id(), JobType::kAccessControl, stop));
    } else {
      spdlog::error("{} {} Skipping access control sync scheduling...", prefix(connector),
                    license_message(License::kPlatinum, license));
    }
  }
  if (features.incremental_sync && descriptor && descriptor->features.incremental_sync) {
    wake_up = earliest(wake_up, scheduler_.try_schedule(connector.id(), JobType::kIncremental, stop));
  }
  wake_up = earliest(wake_up, scheduler_.try_schedule(connector.id(), JobType::kFull, stop));
  return wake_up;
}

}  // namespace connectors::service
