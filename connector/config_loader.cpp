#include "connector/config_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <sstream>

#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include "connector/config_tree.hpp"

namespace connectors::service {
namespace {

using Kind = ConfigNode::Kind;

// Elastic's default `sources` (config.py _default_config): the service types its
// config.yml accepts. We keep the names only; what this build can run is the registry.
constexpr std::string_view kBuiltinSources[] = {
    "azure_blob_storage", "box", "confluence", "dir", "dropbox", "github", "gitlab", "gmail",
    "google_cloud_storage", "google_drive", "graphql", "jira", "microsoft_teams", "mongodb",
    "mssql", "mysql", "network_drive", "notion", "onedrive", "oracle", "outlook", "postgresql",
    "redis", "s3", "salesforce", "sandfly", "servicenow", "sharepoint_online",
    "sharepoint_server", "slack", "zoom",
};

// A config.yml bigger than this is not a config.yml.
constexpr std::uintmax_t kMaxFileSize = 16 * 1024 * 1024;

// Seconds beyond this overflow the millisecond and microsecond arithmetic downstream.
constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int32_t>::max();

enum class Bound { kPositive, kNonNegative };

struct LoadState {
  Config config;
  std::string file;
  WarningSink warn;
  ExtractionServiceConfig extraction;
  bool extraction_has_host = false;
  std::optional<std::string> legacy_connector_id;
  std::optional<std::string> legacy_service_type;
  int legacy_line = 0;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string shown_string(std::string_view s) {
  constexpr std::size_t kMaxShown = 80;
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size() && i < kMaxShown; ++i) {
    const char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
    } else {
      out += c;
    }
  }
  if (s.size() > kMaxShown) out += "...";
  out += '"';
  return out;
}

// One setting's value, and what a message about it needs.
class Value {
 public:
  Value(const ConfigNode& node, std::string key, int fallback_line, const LoadState& state)
      : node_(node),
        key_(std::move(key)),
        line_(node.line > 0 ? node.line : fallback_line),
        state_(state) {}

  const ConfigNode& node() const { return node_; }
  const LoadState& state() const { return state_; }
  const std::string& key() const { return key_; }
  int line() const { return line_; }

  // "<file>:<line>: <key>: expected <expected>, got <value>"; secrets show only their kind.
  [[noreturn]] void fail(std::string_view expected) const {
    throw ConfigError(where() + ": " + key_ + ": expected " + std::string(expected) + ", got " +
                      shown());
  }

  std::string where() const { return state_.file + ":" + std::to_string(line_); }

  bool boolean() const {
    if (node_.kind != Kind::kBool) fail("true or false");
    return node_.boolean;
  }

  std::int64_t whole(Bound bound, std::int64_t max = INT_MAX) const {
    const std::string expected = bound == Bound::kPositive ? "a whole number greater than 0"
                                                           : "a whole number (0 or more)";
    if (node_.kind != Kind::kInt) fail(expected);
    if (!node_.integer || *node_.integer > max) {
      fail("a whole number no larger than " + std::to_string(max));
    }
    const std::int64_t v = *node_.integer;
    if (v < 0 || (bound == Bound::kPositive && v == 0)) fail(expected);
    return v;
  }

  int count(Bound bound) const { return static_cast<int>(whole(bound)); }

  Seconds seconds(Bound bound) const {
    const std::string expected = bound == Bound::kPositive
                                     ? "a number of seconds greater than 0"
                                     : "a number of seconds (0 or more)";
    std::int64_t v = 0;
    if (node_.kind == Kind::kInt) {
      if (!node_.integer || *node_.integer > kMaxSeconds) {
        fail("a number of seconds no larger than " + std::to_string(kMaxSeconds));
      }
      v = *node_.integer;
    } else if (node_.kind == Kind::kFloat && std::isfinite(node_.number)) {
      // Elastic sleeps for fractions of a second too; our durations are whole seconds.
      if (std::trunc(node_.number) != node_.number) fail("a whole number of seconds");
      if (node_.number > static_cast<double>(kMaxSeconds)) {
        fail("a number of seconds no larger than " + std::to_string(kMaxSeconds));
      }
      v = static_cast<std::int64_t>(node_.number);
    } else {
      fail(expected);
    }
    if (v < 0 || (bound == Bound::kPositive && v == 0)) fail(expected);
    return Seconds{v};
  }

  double number(double min, double max, std::string_view expected) const {
    double v = 0;
    if (node_.kind == Kind::kInt && node_.integer) {
      v = static_cast<double>(*node_.integer);
    } else if (node_.kind == Kind::kFloat) {
      v = node_.number;
    } else {
      fail(expected);
    }
    if (!(v >= min && v <= max)) fail(expected);
    return v;
  }

  std::string string() const {
    if (node_.kind != Kind::kString) fail("a string");
    return node_.text;
  }

  // null and "" are "not set".
  std::optional<std::string> optional_string() const {
    if (node_.kind == Kind::kNull) return std::nullopt;
    if (node_.kind != Kind::kString) fail("a string");
    if (node_.text.empty()) return std::nullopt;
    return node_.text;
  }

  // Python's logging level names; WARN and FATAL are its aliases. Case does not matter.
  std::string log_level() const {
    constexpr std::string_view kExpected = "one of DEBUG, INFO, WARNING, ERROR, CRITICAL";
    if (node_.kind != Kind::kString) fail(kExpected);
    std::string name = upper(node_.text);
    if (name == "WARN") name = "WARNING";
    if (name == "FATAL") name = "CRITICAL";
    for (std::string_view known : {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}) {
      if (name == known) return name;
    }
    fail(kExpected);
  }

  std::string http_url() const {
    constexpr std::string_view kExpected = "an http:// or https:// URL";
    if (node_.kind != Kind::kString) fail(kExpected);
    const auto url = boost::urls::parse_uri(node_.text);
    if (!url) fail(kExpected);
    const std::string scheme = lower(url->scheme());
    if ((scheme != "http" && scheme != "https") || !url->has_authority() ||
        url->host().empty()) {
      fail(kExpected);
    }
    if (url->has_userinfo()) {
      throw ConfigError(where() + ": " + key_ +
                        ": credentials in the URL are not supported; use "
                        "elasticsearch.username and elasticsearch.password, or "
                        "elasticsearch.api_key");
    }
    return node_.text;
  }

  // A connector id as Elastic's service reads it: str() of a string or an int; null, "" and 0
  // (Python's falsy values) mean "no id".
  std::optional<std::string> connector_id() const {
    constexpr std::string_view kExpected = "a string or a whole number";
    switch (node_.kind) {
      case Kind::kNull:
        return std::nullopt;
      case Kind::kString:
        if (node_.text.empty()) return std::nullopt;
        return node_.text;
      case Kind::kInt: {
        if (node_.integer && *node_.integer == 0) return std::nullopt;
        std::string text = python_int_text(node_);
        if (text.empty()) fail("a whole number that fits in 64 bits, or a string");
        return text;
      }
      default:
        fail(kExpected);
    }
  }

 private:
  std::string shown() const {
    if (is_secret_key(key_)) return std::string(describe_kind(node_.kind));
    switch (node_.kind) {
      case Kind::kString: return shown_string(node_.text);
      case Kind::kList: return "a list";
      case Kind::kMap: return "a map";
      case Kind::kNull: return "null";
      default: return node_.text;
    }
  }

  const ConfigNode& node_;
  std::string key_;
  int line_;
  const LoadState& state_;
};

void warn(const LoadState& state, const std::string& message) {
  if (state.warn) {
    state.warn(message);
  } else {
    spdlog::warn("{}", message);
  }
}

void warn_unknown(const LoadState& state, int line, const std::string& key,
                  std::string_view note = {}) {
  std::string message = state.file + ":" + std::to_string(line) + ": unknown setting " + key +
                        " is ignored";
  if (!note.empty()) message += " (" + std::string(note) + ")";
  warn(state, message);
}

void read_connectors(const Value& v, LoadState& s) {
  const ConfigNode& node = v.node();
  if (node.kind == Kind::kNull) return;
  if (node.kind != Kind::kList) {
    v.fail("a list of connectors (maps with connector_id and service_type)");
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const ConfigNode& item = node.items[i];
    const std::string key = "connectors[" + std::to_string(i) + "]";
    const Value entry_value(item, key, v.line(), s);
    if (item.kind != Kind::kMap) entry_value.fail("a map with connector_id and service_type");

    ConnectorEntry entry;
    std::optional<std::string> id;
    for (const auto& field : item.entries) {
      const Value field_value(field.value, key + "." + field.key, field.key_line, s);
      if (field.key == "connector_id") {
        id = field_value.connector_id();
      } else if (field.key == "service_type") {
        entry.service_type = field_value.optional_string().value_or("");
      } else if (field.key == "api_key") {
        entry.api_key = field_value.optional_string();
      } else {
        warn_unknown(s, field.key_line, key + "." + field.key);
      }
    }
    if (!id) {
      warn(s, entry_value.where() + ": " + key + " has no connector_id and is ignored");
      continue;
    }
    entry.connector_id = *id;
    auto same = std::find_if(s.config.connectors.begin(), s.config.connectors.end(),
                             [&](const ConnectorEntry& c) { return c.connector_id == *id; });
    if (same != s.config.connectors.end()) {
      warn(s, entry_value.where() + ": " + key + " repeats connector_id " + *id +
                  "; this later entry replaces the earlier one");
      *same = std::move(entry);
    } else {
      s.config.connectors.push_back(std::move(entry));
    }
  }
}

std::vector<std::string> read_string_list(const Value& v, std::string_view expected) {
  const ConfigNode& node = v.node();
  std::vector<std::string> out;
  if (node.kind == Kind::kNull) return out;
  if (node.kind != Kind::kList) v.fail(expected);
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    out.push_back(
        Value(node.items[i], v.key() + "[" + std::to_string(i) + "]", v.line(), v.state())
            .string());
  }
  return out;
}

void read_headers(const Value& v, LoadState& s) {
  const ConfigNode& node = v.node();
  s.config.elasticsearch.headers.clear();
  if (node.kind == Kind::kNull) return;
  if (node.kind != Kind::kMap) v.fail("a map of HTTP header names to values");
  for (const auto& e : node.entries) {
    const Value header(e.value, v.key() + "." + e.key, e.key_line, s);
    const Kind kind = e.value.kind;
    if (kind == Kind::kNull || kind == Kind::kList || kind == Kind::kMap) {
      header.fail("a header value");
    }
    // A number or a boolean is sent as written ("X-Version: 2").
    s.config.elasticsearch.headers.emplace_back(e.key, e.value.text);
  }
}

void read_sources(const Value& v, LoadState& s) {
  const ConfigNode& node = v.node();
  if (node.kind == Kind::kNull) return;
  if (node.kind != Kind::kMap) v.fail("a map of service types to \"module:Class\" paths");
  for (const auto& e : node.entries) {
    Value(e.value, v.key() + "." + e.key, e.key_line, s).string();
    auto& names = s.config.sources;
    if (std::find(names.begin(), names.end(), e.key) == names.end()) names.push_back(e.key);
  }
}

using Apply = void (*)(const Value&, LoadState&);

struct Setting {
  std::string_view key;
  Apply apply;
};

// In config.yml.example's order.
const Setting kSettings[] = {
    {"connectors", read_connectors},
    {"connector_id",
     [](const Value& v, LoadState& s) {
       s.legacy_connector_id = v.connector_id();
       s.legacy_line = v.line();
     }},
    {"service_type",
     [](const Value& v, LoadState& s) {
       s.legacy_service_type = v.optional_string();
       if (s.legacy_line == 0) s.legacy_line = v.line();
     }},

    {"elasticsearch.host",
     [](const Value& v, LoadState& s) { s.config.elasticsearch.host = v.http_url(); }},
    {"elasticsearch.api_key",
     [](const Value& v, LoadState& s) { s.config.elasticsearch.api_key = v.optional_string(); }},
    // null is accepted for both: with an API key they are not used, as in Elastic.
    {"elasticsearch.username",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.username = v.optional_string().value_or("");
     }},
    {"elasticsearch.password",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.password = v.optional_string().value_or("");
     }},
    {"elasticsearch.ssl",
     [](const Value& v, LoadState& s) { s.config.elasticsearch.ssl = v.boolean(); }},
    {"elasticsearch.verify_certs",
     [](const Value& v, LoadState& s) { s.config.elasticsearch.verify_certs = v.boolean(); }},
    {"elasticsearch.ca_certs",
     [](const Value& v, LoadState& s) { s.config.elasticsearch.ca_certs = v.optional_string(); }},
    {"elasticsearch.headers", read_headers},
    {"elasticsearch.retry_on_timeout",
     [](const Value& v, LoadState& s) { s.config.elasticsearch.retry_on_timeout = v.boolean(); }},
    {"elasticsearch.request_timeout",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.request_timeout = v.seconds(Bound::kPositive);
     }},
    {"elasticsearch.max_wait_duration",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.max_wait_duration = v.seconds(Bound::kNonNegative);
     }},
    {"elasticsearch.initial_backoff_duration",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.initial_backoff_duration = v.seconds(Bound::kPositive);
     }},
    {"elasticsearch.backoff_multiplier",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.backoff_multiplier = v.number(1, 1e6, "a number of at least 1");
     }},
    {"elasticsearch.log_level",
     [](const Value& v, LoadState& s) {
       if (v.node().kind != Kind::kNull) s.config.elasticsearch.log_level = lower(v.log_level());
     }},
    {"elasticsearch.max_retries",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.max_retries = v.count(Bound::kNonNegative);
     }},
    {"elasticsearch.retry_interval",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.retry_interval = v.seconds(Bound::kNonNegative);
     }},

    {"elasticsearch.bulk.display_every",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.display_every = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.queue_max_size",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.queue_max_size = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.queue_max_mem_size",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.queue_max_mem_size = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.queue_refresh_interval",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.queue_refresh_interval = v.seconds(Bound::kPositive);
     }},
    {"elasticsearch.bulk.queue_refresh_timeout",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.queue_refresh_timeout = v.seconds(Bound::kPositive);
     }},
    {"elasticsearch.bulk.chunk_max_mem_size",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.chunk_max_mem_size = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.max_text_document_size",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.max_text_document_size = v.count(Bound::kNonNegative);
     }},
    {"elasticsearch.bulk.chunk_size",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.chunk_size = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.max_concurrency",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.max_concurrency = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.concurrent_downloads",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.concurrent_downloads = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.max_retries",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.max_retries = v.count(Bound::kNonNegative);
     }},
    {"elasticsearch.bulk.retry_interval",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.retry_interval = v.seconds(Bound::kNonNegative);
     }},
    {"elasticsearch.bulk.enable_operations_logging",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.enable_operations_logging = v.boolean();
     }},
    {"elasticsearch.bulk.error_monitor.enabled",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.error_monitor.enabled = v.boolean();
     }},
    {"elasticsearch.bulk.error_monitor.max_total_errors",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.error_monitor.max_total_errors = v.count(Bound::kNonNegative);
     }},
    {"elasticsearch.bulk.error_monitor.max_consecutive_errors",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.error_monitor.max_consecutive_errors =
           v.count(Bound::kNonNegative);
     }},
    {"elasticsearch.bulk.error_monitor.max_error_rate",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.error_monitor.max_error_rate =
           v.number(0, 1, "a number between 0 and 1");
     }},
    {"elasticsearch.bulk.error_monitor.error_window_size",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.error_monitor.error_window_size = v.count(Bound::kPositive);
     }},
    {"elasticsearch.bulk.error_monitor.error_queue_size",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.bulk.error_monitor.error_queue_size = v.count(Bound::kNonNegative);
     }},
    {"elasticsearch.feature_use_connectors_api",
     [](const Value& v, LoadState& s) {
       s.config.elasticsearch.feature_use_connectors_api = v.boolean();
     }},

    {"service.worker_mode",
     [](const Value& v, LoadState& s) { s.config.service.worker_mode = v.boolean(); }},
    {"service.service_types",
     [](const Value& v, LoadState& s) {
       s.config.service.service_types = read_string_list(v, "a list of service types");
     }},
    {"service.idling",
     [](const Value& v, LoadState& s) { s.config.service.idling = v.seconds(Bound::kPositive); }},
    {"service.heartbeat",
     [](const Value& v, LoadState& s) {
       s.config.service.heartbeat = v.seconds(Bound::kPositive);
     }},
    {"service.preflight_max_attempts",
     [](const Value& v, LoadState& s) {
       s.config.service.preflight_max_attempts = v.count(Bound::kPositive);
     }},
    {"service.preflight_idle",
     [](const Value& v, LoadState& s) {
       s.config.service.preflight_idle = v.seconds(Bound::kNonNegative);
     }},
    {"service.max_errors",
     [](const Value& v, LoadState& s) {
       s.config.service.max_errors = v.count(Bound::kNonNegative);
     }},
    {"service.max_errors_span",
     [](const Value& v, LoadState& s) {
       s.config.service.max_errors_span = v.seconds(Bound::kPositive);
     }},
    {"service.max_concurrent_content_syncs",
     [](const Value& v, LoadState& s) {
       s.config.service.max_concurrent_content_syncs = v.count(Bound::kPositive);
     }},
    {"service.max_concurrent_access_control_syncs",
     [](const Value& v, LoadState& s) {
       s.config.service.max_concurrent_access_control_syncs = v.count(Bound::kPositive);
     }},
    {"service.max_concurrent_scheduling_tasks",
     [](const Value& v, LoadState& s) {
       s.config.service.max_concurrent_scheduling_tasks = v.count(Bound::kPositive);
     }},
    {"service.max_file_download_size",
     [](const Value& v, LoadState& s) {
       s.config.service.max_file_download_size =
           v.whole(Bound::kPositive, std::numeric_limits<std::int64_t>::max());
     }},
    {"service.job_cleanup_interval",
     [](const Value& v, LoadState& s) {
       s.config.service.job_cleanup_interval = v.seconds(Bound::kPositive);
     }},
    {"service.log_level",
     [](const Value& v, LoadState& s) {
       // Elastic: `log_level or config["service"]["log_level"] or logging.INFO`.
       const bool unset = v.node().kind == Kind::kNull ||
                          (v.node().kind == Kind::kString && v.node().text.empty());
       s.config.service.log_level = unset ? "INFO" : v.log_level();
     }},
    {"service.fips_mode",
     [](const Value& v, LoadState& s) { s.config.service.fips_mode = v.boolean(); }},

    {"extraction_service.host",
     [](const Value& v, LoadState& s) {
       const auto host = v.optional_string();
       s.extraction.host = host.value_or("");
       s.extraction_has_host = host.has_value();
     }},
    {"extraction_service.timeout",
     [](const Value& v, LoadState& s) { s.extraction.timeout = v.seconds(Bound::kPositive); }},
    {"extraction_service.use_file_pointers",
     [](const Value& v, LoadState& s) { s.extraction.use_file_pointers = v.boolean(); }},
    {"extraction_service.stream_chunk_size",
     [](const Value& v, LoadState& s) {
       s.extraction.stream_chunk_size = v.count(Bound::kPositive);
     }},
    {"extraction_service.shared_volume_dir",
     [](const Value& v, LoadState& s) { s.extraction.shared_volume_dir = v.string(); }},

    {"sources", read_sources},
};

constexpr std::string_view kSections[] = {
    "elasticsearch", "elasticsearch.bulk", "elasticsearch.bulk.error_monitor", "service",
    "extraction_service",
};

const Setting* find_setting(std::string_view key) {
  for (const auto& s : kSettings) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

bool is_section(std::string_view key) {
  return std::find(std::begin(kSections), std::end(kSections), key) != std::end(kSections);
}

void read_map(const ConfigNode& map, const std::string& prefix, LoadState& state) {
  for (const auto& entry : map.entries) {
    const std::string key = prefix.empty() ? entry.key : prefix + "." + entry.key;
    if (!prefix.empty() && entry.key.find('.') != std::string::npos) {
      warn_unknown(state, entry.key_line, prefix + ".\"" + entry.key + "\"",
                   "dotted keys are only expanded at the top level");
      continue;
    }
    if (is_section(key)) {
      if (entry.value.kind == Kind::kNull) continue;  // all its settings commented out
      if (!entry.value.is_map()) {
        Value(entry.value, key, entry.key_line, state).fail("a map of settings");
      }
      read_map(entry.value, key, state);
      continue;
    }
    if (const Setting* setting = find_setting(key)) {
      setting->apply(Value(entry.value, key, entry.key_line, state), state);
      continue;
    }
    warn_unknown(state, entry.key_line, key);
  }
}

void finish(LoadState& state) {
  if (state.extraction_has_host) state.config.extraction_service = state.extraction;

  const bool legacy = state.legacy_connector_id || state.legacy_service_type;
  if (!legacy) return;
  const std::string where = state.file + ":" + std::to_string(state.legacy_line) + ": ";
  if (!state.config.connectors.empty()) {
    warn(state, where + "connector_id and service_type are ignored because connectors is set");
  } else if (!state.legacy_connector_id || !state.legacy_service_type) {
    warn(state, where + "connector_id and service_type must be given together; ignored");
  } else {
    warn(state, where +
                    "connector_id and service_type are deprecated; list the connector under "
                    "connectors instead");
    state.config.connectors.push_back({*state.legacy_connector_id, *state.legacy_service_type});
  }
}

std::string read_file(const std::string& path, std::string_view what) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileSize) {
    throw ConfigError(path + ": cannot read the " + std::string(what) + ": larger than " +
                      std::to_string(kMaxFileSize / (1024 * 1024)) + " MiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path, ec)) {
    const std::string reason = std::filesystem::is_directory(path, ec) ? "it is a directory"
                                                                        : std::strerror(errno);
    throw ConfigError(path + ": cannot read the " + std::string(what) + ": " + reason);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    throw ConfigError(path + ": cannot read the " + std::string(what) + ": read error");
  }
  return buffer.str();
}

}  // namespace

bool is_secret_key(std::string_view dotted_key) {
  // Header values are often credentials ("Authorization: Bearer ...").
  if (dotted_key.rfind("elasticsearch.headers.", 0) == 0) return true;
  const std::size_t dot = dotted_key.rfind('.');
  const std::string last = lower(dot == std::string_view::npos ? dotted_key
                                                                : dotted_key.substr(dot + 1));
  for (std::string_view word : {"password", "passwd", "secret", "token", "api_key", "apikey"}) {
    if (last.find(word) != std::string::npos) return true;
  }
  return false;
}

Config default_config() {
  Config config;
  config.sources.assign(std::begin(kBuiltinSources), std::end(kBuiltinSources));
  return config;
}

std::vector<std::string_view> known_setting_keys() {
  std::vector<std::string_view> keys;
  for (const auto& s : kSettings) keys.push_back(s.key);
  return keys;
}

Config parse_config(std::string_view text, const std::string& file, const EnvLookup& env,
                    const LoadOptions& options) {
  const bool strict = !env("ENVYAML_STRICT_DISABLE").has_value();
  const std::string substituted = substitute_environment(text, file, env, strict);
  const ConfigNode top = nest_dotted_keys(parse_config_yaml(substituted, file), file);

  LoadState state{default_config(), file, options.warn};
  read_map(top, "", state);
  finish(state);
  state.config.source_file = file;
  return std::move(state.config);
}

Config load_config(const std::string& path, const EnvLookup& env) {
  return load_config(path, env, LoadOptions{});
}

Config load_config(const std::string& path, const EnvLookup& env, const LoadOptions& options) {
  const bool strict = !env("ENVYAML_STRICT_DISABLE").has_value();

  // EnvYAML: ENV_FILE names the .env file (it must exist); otherwise ./.env if present.
  std::string dot_env_path;
  if (auto named = env("ENV_FILE"); named && !named->empty()) {
    dot_env_path = *named;
  } else if (!options.default_dot_env.empty()) {
    std::error_code ec;
    if (std::filesystem::exists(options.default_dot_env, ec)) {
      dot_env_path = options.default_dot_env;
    }
  }
  std::map<std::string, std::string> dot_env;
  if (!dot_env_path.empty()) {
    dot_env = parse_dot_env(read_file(dot_env_path, ".env file"), dot_env_path, env, strict);
  }
  const EnvLookup variables = [&](const std::string& name) -> std::optional<std::string> {
    if (auto it = dot_env.find(name); it != dot_env.end()) return it->second;
    return env(name);
  };
  return parse_config(read_file(path, "configuration file"), path, variables, options);
}

}  // namespace connectors::service
