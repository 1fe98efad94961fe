#pragma once
// Elasticsearch over an HttpTransport: authentication, product headers, retries.
//
//   caller --request()--> EsClient --send()--> HttpTransport --> Elasticsearch
//                         | adds Authorization (api_key wins over basic), user-agent,
//                         |   X-elastic-product-origin: connectors, configured headers
//                         | retries timeouts, connection failures, 429, 500, 502, 503, 504
//                         |   with linear backoff (retry_interval x attempt), like Elastic's
//                         |   framework retrier, up to max_retries attempts in all
//                         | throws EsError for any other status >= 400 (unless accepted)
//
// Secrets (password, api_key) live only in the Authorization header; they never appear in
// an error message or a log line.

#include <chrono>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "protocol/http_transport.hpp"

namespace connectors::protocol {

struct EsClientSettings {
  std::string host = "http://localhost:9200";
  std::string username = "elastic";
  std::string password = "changeme";
  std::optional<std::string> api_key;  // wins over username/password when set
  std::vector<HttpHeader> headers;     // elasticsearch.headers from config.yml
  std::chrono::milliseconds request_timeout{std::chrono::seconds{240}};
  bool retry_on_timeout = true;
  int max_retries = 5;  // attempts in all, the first included
  std::chrono::milliseconds retry_interval{std::chrono::seconds{10}};
  std::string user_agent;  // "elastic-connectors-<version>/service"
};

// Elasticsearch answered with an error status. Carries what its error body says.
class EsError : public core::Error {
 public:
  EsError(unsigned status, std::string type, std::string reason, std::string endpoint);

  unsigned status() const noexcept { return status_; }
  const std::string& type() const noexcept { return type_; }      // error.type, may be empty
  const std::string& reason() const noexcept { return reason_; }  // error.reason, may be empty
  const std::string& endpoint() const noexcept { return endpoint_; }  // "PUT /_connector/x"

 private:
  unsigned status_;
  std::string type_;
  std::string reason_;
  std::string endpoint_;
};

struct EsResponse {
  unsigned status = 0;
  std::string body;

  // Parses the body; throws EsError-free core::Error("EsResponseError", ...) on bad JSON.
  boost::json::value json() const;
};

struct RequestOptions {
  std::string content_type = "application/json";
  // Statuses >= 400 returned as responses instead of thrown (e.g. 404 for an existence check).
  std::vector<unsigned> accept_statuses;
  // false: one attempt only (for calls whose retry is decided by the caller).
  bool retry = true;
  // Per-attempt timeout instead of settings.request_timeout (e.g. the start-up wait, whose
  // attempts must not outlast the time left to wait).
  std::optional<std::chrono::milliseconds> timeout;
};

class EsClient {
 public:
  EsClient(HttpTransport& transport, EsClientSettings settings, core::Clock& clock);

  // `target` is the path and query, e.g. "/.elastic-connectors/_search?expand_wildcards=hidden".
  // Returns 2xx responses and accepted statuses; throws EsError for other statuses, and
  // TransportError when retries are exhausted or the failure is not retryable. A stop
  // request interrupts the backoff sleeps and throws core::StopRequested.
  EsResponse request(HttpMethod method, std::string target, std::string_view body = {},
                     const RequestOptions& options = {}, std::stop_token stop = {});

  // request() and parse the body as JSON.
  boost::json::value request_json(HttpMethod method, std::string target, std::string_view body = {},
                                  const RequestOptions& options = {}, std::stop_token stop = {});

  const EsClientSettings& settings() const { return settings_; }

 private:
  HttpRequest build(HttpMethod method, std::string target, std::string_view body,
                    const RequestOptions& options) const;

  HttpTransport& transport_;
  EsClientSettings settings_;
  core::Clock& clock_;
  std::string authorization_;  // precomputed "ApiKey ..." / "Basic ..."
  std::vector<HttpHeader> headers_;  // every request's headers, Authorization included
};

// Percent-encodes one path segment (an index name, a connector or job id).
std::string encode_path_segment(std::string_view segment);

}  // namespace connectors::protocol
