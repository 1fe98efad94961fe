#pragma once
// Start-up checks against the cluster: wait until it answers, then check its version.

#include <chrono>
#include <stop_token>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "protocol/es_client.hpp"

namespace connectors::protocol {

struct ServerInfo {
  std::string version_number;  // "9.2.0", qualifiers such as "-SNAPSHOT" kept
  std::string build_flavor;    // "default", "serverless"
  bool serverless() const { return build_flavor == "serverless"; }
};

struct WaitSettings {
  std::chrono::milliseconds max_wait{std::chrono::seconds{240}};       // max_wait_duration
  std::chrono::milliseconds initial_backoff{std::chrono::seconds{1}};  // initial_backoff_duration
  double backoff_multiplier = 2.0;                                     // backoff_multiplier
};

// `GET /`, parsed.
ServerInfo fetch_server_info(EsClient& client, std::stop_token stop = {});
// The same with explicit options (wait_for_elasticsearch: one attempt, a shorter timeout).
ServerInfo fetch_server_info(EsClient& client, const RequestOptions& options,
                             std::stop_token stop = {});

// Repeats `GET /` with exponential backoff until it succeeds or `max_wait` has passed
// (Elastic's ESClient.wait). Throws core::Error("ElasticsearchUnavailable", ...) naming the
// host when it gives up, core::StopRequested when stopped.
ServerInfo wait_for_elasticsearch(EsClient& client, core::Clock& clock, const WaitSettings& settings,
                                  std::stop_token stop);

// The connector API became the default path in 8.16, so that is the oldest cluster we run
// against. Serverless clusters are not checked. Throws core::Error("VersionMismatch", ...)
// naming both versions. `allow_mismatch` (ALLOW_ES_VERSION_MISMATCH) skips the check.
inline constexpr int kMinimumEsMajor = 8;
inline constexpr int kMinimumEsMinor = 16;
void check_version(const ServerInfo& info, bool allow_mismatch);

// True for "true", "1", "yes" (case-insensitive): how Elastic reads ALLOW_ES_VERSION_MISMATCH.
bool env_flag_enabled(const char* value);

}  // namespace connectors::protocol
