#include "connector/connector_pass.hpp"

#include <spdlog/spdlog.h>

#include "connector/connector_preparation.hpp"
#include "connector/error_text.hpp"
#include "connector/source_factory.hpp"
#include "protocol/connector_index.hpp"

namespace connectors::service {
namespace json = boost::json;

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

}  // namespace

std::vector<std::string> managed_connector_ids(const Config& config) {
  std::vector<std::string> ids;
  for (const auto& entry : config.connectors) ids.push_back(entry.connector_id);
  return ids;
}

std::vector<std::string> managed_service_types(const Config& config) {
  return config.service.worker_mode ? config.service.service_types : std::vector<std::string>{};
}

void ConnectorPass::run(std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  const auto found = connectors.find(managed_connector_ids(context_.config),
                                     managed_service_types(context_.config), stop);
  for (const auto& connector : found) {
    if (stop.stop_requested()) return;
    try {
      process(connector, stop);
    } catch (const core::StopRequested&) {
      return;
    } catch (const std::exception& e) {
      spdlog::error("{} {}", prefix(connector), e.what());
    }
  }
  first_pass_ = false;
}

void ConnectorPass::process(const protocol::ConnectorDocument& found, std::stop_token stop) {
  auto connector = prepare(found, stop);
  if (!connector) return;
  heartbeat(*connector, stop);
  switch (connector->status().value_or(protocol::ConnectorStatus::kCreated)) {
    case protocol::ConnectorStatus::kCreated:
      spdlog::info("{} Connector has just been created and cannot sync. Wait for Kibana to initialise "
                   "the connector correctly before proceeding.",
                   prefix(*connector));
      return;
    case protocol::ConnectorStatus::kNeedsConfiguration:
      spdlog::info("{} Connector is not configured yet. Finish the connector configuration in Kibana "
                   "to start syncing.",
                   prefix(*connector));
      return;
    default:
      break;
  }
  check_health(*connector, stop);
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
    const json::object patch = preparation_patch(connector, *source, service_type);
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

void ConnectorPass::check_health(const protocol::ConnectorDocument& connector, std::stop_token stop) {
  protocol::ConnectorIndex connectors(context_.es);
  json::object doc;
  try {
    auto source = create_source(context_.registry, connector.service_type(), connector.configuration());
    source->ping();
    doc = json::object{{"status", "connected"}, {"error", nullptr}};
  } catch (const core::StopRequested&) {
    throw;
  } catch (const std::exception& e) {
    const std::string message = connector_error_text(e);
    spdlog::error("{} {}", prefix(connector), message);
    doc = json::object{{"status", "error"}, {"error", message}};
  }
  connectors.update(connector.id(), doc, std::nullopt, stop);
}

}  // namespace connectors::service
