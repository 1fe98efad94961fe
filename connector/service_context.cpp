#include "connector/service_context.hpp"

#include "connector/version.hpp"

namespace connectors::service {

protocol::EsClientSettings es_client_settings(const ElasticsearchConfig& config) {
  protocol::EsClientSettings settings;
  settings.host = config.host;
  settings.username = config.username;
  settings.password = config.password;
  settings.api_key = config.api_key;
  for (const auto& [name, value] : config.headers) settings.headers.push_back({name, value});
  settings.request_timeout = config.request_timeout;
  settings.retry_on_timeout = config.retry_on_timeout;
  settings.max_retries = config.max_retries;
  settings.retry_interval = config.retry_interval;
  settings.user_agent = std::string("elastic-connectors-") + kServiceVersion + "/service";
  return settings;
}

protocol::EsClientSettings content_client_settings(const Config& config, const std::string& connector_id) {
  protocol::EsClientSettings settings = es_client_settings(config.elasticsearch);
  for (const auto& entry : config.connectors) {
    if (entry.connector_id == connector_id && entry.api_key) settings.api_key = entry.api_key;
  }
  return settings;
}

}  // namespace connectors::service
