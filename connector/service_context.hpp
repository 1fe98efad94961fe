#pragma once
// What the service's loops and job runners share, built once by run_service().

#include <string>

#include "connector/config.hpp"
#include "core/clock.hpp"
#include "protocol/es_client.hpp"
#include "protocol/http_transport.hpp"
#include "sources/source_registry.hpp"

namespace connectors::service {

struct ServiceContext {
  const Config& config;
  const sources::SourceRegistry& registry;
  core::Clock& clock;
  protocol::HttpTransport& transport;  // shared keep-alive pool to Elasticsearch
  protocol::EsClient& es;              // system indices and the _connector API
  std::string hostname;                // worker_hostname when claiming jobs
};

// EsClient settings from config.yml's `elasticsearch` section.
protocol::EsClientSettings es_client_settings(const ElasticsearchConfig& config);

// The client for one connector's content traffic (bulk, its index): the connector's own
// `api_key` from config.yml when it has one, the global credentials otherwise.
protocol::EsClientSettings content_client_settings(const Config& config, const std::string& connector_id);

}  // namespace connectors::service
