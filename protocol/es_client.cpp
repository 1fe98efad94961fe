#include "protocol/es_client.hpp"

#include <strings.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include <boost/beast/http/status.hpp>
#include <boost/json/parse.hpp>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include "core/backoff.hpp"

namespace connectors::protocol {

namespace json = boost::json;
using std::chrono::milliseconds;

namespace {

// Statuses Elastic's framework retrier retries (TransientElasticsearchRetrier).
constexpr unsigned kRetryableStatuses[] = {429, 500, 502, 503, 504};

bool retryable_status(unsigned status) {
  return std::find(std::begin(kRetryableStatuses), std::end(kRetryableStatuses), status) !=
         std::end(kRetryableStatuses);
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int written = ::EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// "GET /_connector/x": the path only. Queries here hold no secrets, but they are noise in an
// error and a scroll id can be long.
std::string endpoint_of(HttpMethod method, std::string_view target) {
  return std::string(to_string(method)) + " " + std::string(target.substr(0, target.find('?')));
}

std::string status_text(unsigned status) {
  auto text = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  if (text.empty() || text.front() == '<') return {};
  return std::string(text);
}

std::string string_member(const json::object& object, std::string_view key) {
  if (const json::value* v = object.if_contains(key); v && v->is_string()) {
    return std::string(v->get_string());
  }
  return {};
}

// The error body Elasticsearch sends with a failure status:
//   {"error": {"root_cause": [...], "type": "...", "reason": "..."}, "status": 404}
// Some endpoints send {"error": "text"}; proxies send HTML. Only the top-level error is used
// (it is the one the status belongs to); its first root cause fills a missing reason.
std::pair<std::string, std::string> parse_error_body(std::string_view body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) return {};
  const json::value* error = parsed.get_object().if_contains("error");
  if (error == nullptr) return {};
  if (error->is_string()) return {{}, std::string(error->get_string())};
  if (!error->is_object()) return {};
  const json::object& object = error->get_object();
  std::string type = string_member(object, "type");
  std::string reason = string_member(object, "reason");
  if (reason.empty()) {
    if (const json::value* causes = object.if_contains("root_cause");
        causes && causes->is_array() && !causes->get_array().empty() &&
        causes->get_array().front().is_object()) {
      reason = string_member(causes->get_array().front().get_object(), "reason");
    }
  }
  return {std::move(type), std::move(reason)};
}

std::string es_error_message(unsigned status, const std::string& type, const std::string& reason,
                             const std::string& endpoint) {
  std::string text = std::to_string(status);
  const std::string label = type.empty() ? status_text(status) : type;
  if (!label.empty()) text += " " + label;
  if (!reason.empty()) text += ": " + reason;
  return text + " (" + endpoint + ")";
}

std::string seconds_text(milliseconds delay) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", static_cast<double>(delay.count()) / 1000.0);
  return buffer;
}

}  // namespace

// "ApiError" as in the Python client, so a job's error reads the way Elastic's does.
EsError::EsError(unsigned status, std::string type, std::string reason, std::string endpoint)
    : core::Error("ApiError", es_error_message(status, type, reason, endpoint)),
      status_(status),
      type_(std::move(type)),
      reason_(std::move(reason)),
      endpoint_(std::move(endpoint)) {}

json::value EsResponse::json() const {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec) {
    throw core::Error("EsResponseError",
                      "Elasticsearch sent a response that is not valid JSON: " + ec.message());
  }
  return parsed;
}

EsClient::EsClient(HttpTransport& transport, EsClientSettings settings, core::Clock& clock)
    : transport_(transport), settings_(std::move(settings)), clock_(clock) {
  if (settings_.api_key) {
    authorization_ = "ApiKey " + *settings_.api_key;
    if (!settings_.username.empty() &&
        !(settings_.username == "elastic" && settings_.password == "changeme")) {
      spdlog::warn("configured API key will be used over configured basic auth");
    }
  } else if (!settings_.username.empty()) {
    authorization_ = "Basic " + base64(settings_.username + ":" + settings_.password);
  }
  settings_.max_retries = std::max(settings_.max_retries, 1);

  if (!authorization_.empty()) headers_.push_back({"Authorization", authorization_});
  headers_.push_back({"user-agent", settings_.user_agent});
  headers_.push_back({"X-elastic-product-origin", "connectors"});
  for (const auto& configured : settings_.headers) {
    // A line break in a header would let the value start a header or a request of its own.
    if (configured.name.find_first_of("\r\n:") != std::string::npos ||
        configured.value.find_first_of("\r\n") != std::string::npos || configured.name.empty()) {
      throw core::Error("ConfigurationError",
                        "elasticsearch.headers has an invalid header name or value (header '" +
                            configured.name.substr(0, configured.name.find_first_of("\r\n")) +
                            "')");
    }
    auto same = std::find_if(headers_.begin(), headers_.end(),
                             [&](const HttpHeader& h) { return same_name(h.name, configured.name); });
    if (same != headers_.end()) {
      *same = configured;
    } else {
      headers_.push_back(configured);
    }
  }
}

HttpRequest EsClient::build(HttpMethod method, std::string target, std::string_view body,
                            const RequestOptions& options) const {
  HttpRequest request;
  request.method = method;
  request.target = std::move(target);
  request.body = body;
  if (!request.body.empty()) request.content_type = options.content_type;
  request.headers = headers_;
  return request;
}

EsResponse EsClient::request(HttpMethod method, std::string target, std::string_view body,
                             const RequestOptions& options, std::stop_token stop) {
  const std::string endpoint = endpoint_of(method, target);
  const HttpRequest request = build(method, std::move(target), body, options);
  const milliseconds timeout = options.timeout.value_or(settings_.request_timeout);
  const int attempts = options.retry ? settings_.max_retries : 1;
  const core::Backoff backoff = core::Backoff::linear(settings_.retry_interval);

  for (int attempt = 1;; ++attempt) {
    std::string failure;  // why this attempt is retried
    const auto started = clock_.steady_now();
    try {
      HttpResponse response = transport_.send(request, timeout);
      spdlog::debug("{} -> {} in {} ms", endpoint, response.status,
                    std::chrono::duration_cast<milliseconds>(clock_.steady_now() - started).count());
      const unsigned status = response.status;
      const bool accepted = std::find(options.accept_statuses.begin(),
                                      options.accept_statuses.end(),
                                      status) != options.accept_statuses.end();
      if ((status >= 200 && status < 300) || accepted) {
        return EsResponse{status, std::move(response.body)};
      }
      if (!retryable_status(status) || attempt >= attempts) {
        auto [type, reason] = parse_error_body(response.body);
        throw EsError(status, std::move(type), std::move(reason), endpoint);
      }
      failure = "status " + std::to_string(status);
    } catch (TransportError& e) {
      const bool retryable =
          e.retryable() && (e.reason() != TransportError::Reason::kTimeout || settings_.retry_on_timeout);
      if (!retryable || attempt >= attempts) {
        e.add_context("endpoint", endpoint);
        throw;
      }
      failure = e.message();
    }

    const milliseconds delay = backoff.delay(attempt);
    spdlog::warn("Elasticsearch request {} failed ({}), attempt {}/{}; retrying in {}s", endpoint,
                 failure, attempt, attempts, seconds_text(delay));
    if (!clock_.sleep_for(delay, stop)) throw core::StopRequested();
  }
}

json::value EsClient::request_json(HttpMethod method, std::string target, std::string_view body,
                                   const RequestOptions& options, std::stop_token stop) {
  return request(method, std::move(target), body, options, std::move(stop)).json();
}

std::string encode_path_segment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  // "." and ".." are path navigation, not names: an id ".." must not address the parent.
  const bool dot_segment = segment == "." || segment == "..";
  std::string out;
  out.reserve(segment.size());
  for (const char c : segment) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' ||
                            (byte == '.' && !dot_segment) || byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace connectors::protocol
