#include "connector/preflight.hpp"

#include <spdlog/spdlog.h>

#include "protocol/connector_index.hpp"
#include "protocol/es_server.hpp"

namespace connectors::service {

namespace {

void check_configuration(const Config& config) {
  if (config.service.worker_mode) {
    if (config.service.service_types.empty()) {
      throw core::Error("ConfigError",
                        "service.worker_mode is true but service.service_types is empty: list the "
                        "service types this worker syncs");
    }
    return;
  }
  if (!config.service.service_types.empty()) {
    spdlog::warn("service.service_types is ignored unless service.worker_mode is true");
  }
  if (config.connectors.empty()) {
    throw core::Error("ConfigError",
                      "no connector is configured: add one under `connectors:` in " +
                          (config.source_file.empty() ? std::string("config.yml") : config.source_file) +
                          " (connector_id and service_type)");
  }
  for (const auto& entry : config.connectors) {
    if (entry.connector_id == "changeme" || entry.service_type == "changeme") {
      throw core::Error("ConfigError",
                        "connector `changeme` in config.yml is a placeholder: set the connector_id and "
                        "service_type of a connector created in Kibana");
    }
  }
}

}  // namespace

void run_preflight(ServiceContext& context, bool allow_version_mismatch, std::stop_token stop) {
  const Config& config = context.config;
  check_configuration(config);

  protocol::WaitSettings wait;
  wait.max_wait = config.elasticsearch.max_wait_duration;
  wait.initial_backoff = config.elasticsearch.initial_backoff_duration;
  wait.backoff_multiplier = config.elasticsearch.backoff_multiplier;
  const protocol::ServerInfo info = protocol::wait_for_elasticsearch(context.es, context.clock, wait, stop);
  spdlog::info("Elasticsearch {} ({}) is reachable at {}", info.version_number,
               info.build_flavor.empty() ? "default" : info.build_flavor, config.elasticsearch.host);
  protocol::check_version(info, allow_version_mismatch);

  const int attempts = std::max(config.service.preflight_max_attempts, 1);
  for (int attempt = 1;; ++attempt) {
    try {
      protocol::ensure_system_indices(context.es, stop);
      return;
    } catch (const core::StopRequested&) {
      throw;
    } catch (const std::exception& e) {
      if (attempt >= attempts) throw;
      spdlog::warn("Could not create the connector system indices (attempt {}/{}): {}; retrying in {}s",
                   attempt, attempts, e.what(), config.service.preflight_idle.count());
      if (!context.clock.sleep_for(config.service.preflight_idle, stop)) throw core::StopRequested();
    }
  }
}

}  // namespace connectors::service
