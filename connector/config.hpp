#pragma once
// config.yml as a typed value: every key of Elastic's service, with Elastic's defaults.
// Loading (environment substitution, dotted keys, validation) is in config_loader.hpp.
//
// Durations keep Elastic's units in their names' documentation: seconds unless noted.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace connectors::service {

using Seconds = std::chrono::seconds;

struct ErrorMonitorConfig {
  bool enabled = true;
  int max_total_errors = 1000;
  int max_consecutive_errors = 10;
  double max_error_rate = 0.15;
  int error_window_size = 100;
  int error_queue_size = 10;

  bool operator==(const ErrorMonitorConfig&) const = default;
};

struct BulkConfig {
  int queue_max_size = 1024;                // items
  int queue_max_mem_size = 25;              // MiB
  Seconds queue_refresh_interval{1};
  Seconds queue_refresh_timeout{1300};
  int chunk_size = 500;                     // NDJSON lines per _bulk request
  int chunk_max_mem_size = 3;               // MiB per _bulk request
  int max_text_document_size = 3;           // MiB, 0 = no limit
  int max_concurrency = 5;                  // _bulk requests in flight
  int concurrent_downloads = 10;
  int display_every = 100;
  int max_retries = 5;                      // accepted for compatibility; Elastic ignores it
  Seconds retry_interval{10};               // accepted for compatibility; Elastic ignores it
  bool enable_operations_logging = false;
  ErrorMonitorConfig error_monitor;

  bool operator==(const BulkConfig&) const = default;
};

struct ElasticsearchConfig {
  std::string host = "http://localhost:9200";
  std::string username = "elastic";
  std::string password = "changeme";
  std::optional<std::string> api_key;
  bool ssl = true;
  bool verify_certs = true;
  std::optional<std::string> ca_certs;  // path to a PEM file
  std::vector<std::pair<std::string, std::string>> headers;
  Seconds request_timeout{240};
  bool retry_on_timeout = true;
  int max_retries = 5;
  Seconds retry_interval{10};
  Seconds max_wait_duration{240};
  Seconds initial_backoff_duration{1};
  double backoff_multiplier = 2.0;
  std::string log_level = "info";
  bool feature_use_connectors_api = true;
  BulkConfig bulk;

  bool operator==(const ElasticsearchConfig&) const = default;
};

struct ServiceConfig {
  bool worker_mode = false;
  std::vector<std::string> service_types;
  Seconds idling{30};
  Seconds heartbeat{300};
  int preflight_max_attempts = 10;
  Seconds preflight_idle{30};
  int max_errors = 20;
  Seconds max_errors_span{600};
  int max_concurrent_content_syncs = 1;
  int max_concurrent_access_control_syncs = 1;
  int max_concurrent_scheduling_tasks = 4;
  std::int64_t max_file_download_size = 10485760;  // bytes
  Seconds job_cleanup_interval{300};
  std::string log_level = "INFO";
  bool fips_mode = false;

  bool operator==(const ServiceConfig&) const = default;
};

struct ConnectorEntry {
  std::string connector_id;
  std::string service_type;
  std::optional<std::string> api_key;  // used for this connector's content traffic

  bool operator==(const ConnectorEntry&) const = default;
};

struct ExtractionServiceConfig {
  std::string host;
  Seconds timeout{30};
  bool use_file_pointers = false;
  int stream_chunk_size = 65536;
  std::string shared_volume_dir = "/app/files";

  bool operator==(const ExtractionServiceConfig&) const = default;
};

struct Config {
  std::string source_file;  // the path it was loaded from, for messages
  ElasticsearchConfig elasticsearch;
  ServiceConfig service;
  // From `connectors:`, or the deprecated top-level connector_id/service_type pair.
  // Duplicated ids: the last entry wins, as in Elastic's service.
  std::vector<ConnectorEntry> connectors;
  std::optional<ExtractionServiceConfig> extraction_service;
  // `sources:` maps service_type to a Python "module:Class" path in Elastic's service. We
  // keep the names (they decide which service types are accepted) and ignore the paths.
  std::vector<std::string> sources;

  bool operator==(const Config&) const = default;
};

}  // namespace connectors::service
