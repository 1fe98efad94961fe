#include "protocol/es_server.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <spdlog/spdlog.h>

namespace connectors::protocol {

namespace json = boost::json;
using std::chrono::milliseconds;

namespace {

// The configured host as it may appear in a message: without user information, if any.
std::string display_host(const std::string& host) {
  auto parsed = boost::urls::parse_uri(host);
  if (!parsed) return host.find('@') == std::string::npos ? host : "(the configured host)";
  if (!parsed->has_userinfo()) return host;
  boost::urls::url url(*parsed);
  url.remove_userinfo();
  return std::string(url.buffer());
}

long long whole_seconds(milliseconds duration) {
  return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

// "240", "0.5": seconds as a person would write them.
std::string seconds_text(milliseconds duration) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", static_cast<double>(duration.count()) / 1000.0);
  return buffer;
}

}  // namespace

ServerInfo fetch_server_info(EsClient& client, std::stop_token stop) {
  return fetch_server_info(client, RequestOptions{}, std::move(stop));
}

ServerInfo fetch_server_info(EsClient& client, const RequestOptions& options,
                             std::stop_token stop) {
  const json::value body = client.request_json(HttpMethod::kGet, "/", {}, options, std::move(stop));
  const json::object* root = body.if_object();
  const json::value* version = root ? root->if_contains("version") : nullptr;
  const json::value* number =
      version && version->is_object() ? version->get_object().if_contains("number") : nullptr;
  if (number == nullptr || !number->is_string()) {
    throw core::Error("EsResponseError",
                      "the answer to GET / has no version.number: is " +
                          display_host(client.settings().host) + " an Elasticsearch server?");
  }
  ServerInfo info;
  info.version_number = std::string(number->get_string());
  if (const json::value* flavor = version->get_object().if_contains("build_flavor");
      flavor && flavor->is_string()) {
    info.build_flavor = std::string(flavor->get_string());
  }
  return info;
}

ServerInfo wait_for_elasticsearch(EsClient& client, core::Clock& clock,
                                  const WaitSettings& settings, std::stop_token stop) {
  const std::string host = display_host(client.settings().host);
  const auto start = clock.steady_now();
  double backoff_ms = static_cast<double>(settings.initial_backoff.count());
  std::string last_error;
  spdlog::debug("Waiting for Elasticsearch at {} (max: {}s)", host, seconds_text(settings.max_wait));

  for (;;) {
    const auto elapsed = std::chrono::duration_cast<milliseconds>(clock.steady_now() - start);
    const milliseconds remaining = settings.max_wait - elapsed;
    if (remaining <= milliseconds::zero()) break;
    spdlog::info("Waiting for Elasticsearch at {} (so far: {} secs)", host, whole_seconds(elapsed));

    RequestOptions options;
    options.retry = false;  // this loop is the retry
    options.timeout = std::min(client.settings().request_timeout, remaining);
    try {
      ServerInfo info = fetch_server_info(client, options, stop);
      spdlog::info("Connected to Elasticsearch {} at {} (build flavor '{}')", info.version_number,
                   host, info.build_flavor);
      return info;
    } catch (const TransportError& e) {
      last_error = e.describe();
    } catch (const EsError& e) {
      // Elastic's ping treats an error status (a cluster still starting: 503; bad credentials:
      // 401) as "not yet" too.
      last_error = e.describe();
    }

    const auto now_elapsed = std::chrono::duration_cast<milliseconds>(clock.steady_now() - start);
    const milliseconds left = settings.max_wait - now_elapsed;
    if (left <= milliseconds::zero()) break;
    const milliseconds delay =
        std::min(milliseconds{static_cast<long long>(std::min(backoff_ms, 1e15))}, left);
    spdlog::warn("Elasticsearch at {} is not reachable yet ({}), retrying in {}s", host, last_error,
                 seconds_text(delay));
    if (!clock.sleep_for(delay, stop)) throw core::StopRequested();
    backoff_ms *= settings.backoff_multiplier;
  }
  std::string message = "Elasticsearch at " + host + " was unreachable for " +
                        seconds_text(settings.max_wait) + "s";
  if (!last_error.empty()) message += " (last error: " + last_error + ")";
  throw core::Error("ElasticsearchUnavailable", message + ". Bye!");
}

void check_version(const ServerInfo& info, bool allow_mismatch) {
  if (info.serverless()) {
    spdlog::info("Elasticsearch server is serverless, skipping version compatibility check.");
    return;
  }
  if (allow_mismatch) {
    spdlog::warn(
        "ALLOW_ES_VERSION_MISMATCH is set. Skipping the version compatibility check for "
        "Elasticsearch {}. This should only be used in CI/testing environments.",
        info.version_number);
    return;
  }
  const std::string minimum =
      std::to_string(kMinimumEsMajor) + "." + std::to_string(kMinimumEsMinor);
  // "9.0.0-SNAPSHOT", "8.16.1+build.7": only major.minor matter.
  const std::string_view text = info.version_number;
  const std::string_view core_part = text.substr(0, text.find_first_of("-+"));
  int major = -1;
  int minor = -1;
  const char* const end = core_part.data() + core_part.size();
  auto [after_major, major_ec] = std::from_chars(core_part.data(), end, major);
  bool parsed = major_ec == std::errc{} && after_major != end && *after_major == '.';
  if (parsed) {
    auto [after_minor, minor_ec] = std::from_chars(after_major + 1, end, minor);
    parsed = minor_ec == std::errc{} && (after_minor == end || *after_minor == '.');
  }
  if (!parsed) {
    throw core::Error("VersionMismatch", "Elasticsearch reports version '" + info.version_number +
                                             "', which is not a version number; Elasticsearch " +
                                             minimum + " or newer is needed");
  }
  if (major < kMinimumEsMajor || (major == kMinimumEsMajor && minor < kMinimumEsMinor)) {
    throw core::Error("VersionMismatch", "Elasticsearch " + info.version_number +
                                             " is too old: Elasticsearch " + minimum +
                                             " or newer is needed");
  }
  spdlog::info("Elasticsearch {} is compatible (minimum {})", info.version_number, minimum);
}

bool env_flag_enabled(const char* value) {
  if (value == nullptr) return false;
  std::string lowered(value);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered == "true" || lowered == "1" || lowered == "yes";
}

}  // namespace connectors::protocol
