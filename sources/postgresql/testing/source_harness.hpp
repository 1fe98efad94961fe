#pragma once
// Test helpers for the PostgreSQL source against a real server: a log capture, a sink that
// keeps documents and skips, the source configured for a PostgresServer, and one-call syncs.

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"
#include "ftest/harness/postgres_server.hpp"
#include "sources/postgresql/postgres_source.hpp"

namespace connectors::sources::postgresql::testing {

// Every log line while alive, at debug level and above.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    sink->set_pattern("%l %v");
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::string text() const { return stream_.str(); }
  int count(const std::string& fragment) const {
    const std::string all = text();
    int n = 0;
    for (auto pos = all.find(fragment); pos != std::string::npos; pos = all.find(fragment, pos + 1)) ++n;
    return n;
  }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

struct Skip {
  std::string prefix;
  std::string message;
};

class CollectingSink final : public DocumentSink {
 public:
  void put(Document&& document) override { documents.push_back(std::move(document)); }
  void skip(std::string prefix, std::string message) override {
    skips.push_back({std::move(prefix), std::move(message)});
  }
  std::map<std::string, boost::json::object> by_id() const {
    std::map<std::string, boost::json::object> out;
    for (const auto& d : documents) out[d.id] = boost::json::parse(d.json).as_object();
    return out;
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& d : documents) out.push_back(d.id);
    return out;
  }
  std::vector<Document> documents;
  std::vector<Skip> skips;
};

// Counts documents and their bytes, keeping none: for reads too large to collect.
class CountingSink final : public DocumentSink {
 public:
  void put(Document&& document) override {
    ++count;
    bytes += document.json.size();
  }
  void skip(std::string, std::string message) override { skips.push_back(std::move(message)); }
  std::uint64_t count = 0;
  std::uint64_t bytes = 0;
  std::vector<std::string> skips;
};

struct SourceOptions {
  std::string user;
  std::string password;
  std::string tables = "*";
  std::string schema = "public";
  int port = 0;
  int retry_count = 3;
  std::chrono::seconds commit_timestamp_overlap = kCommitTimestampOverlap;
};

inline boost::json::object configuration(const ftest::PostgresServer& pg, const SourceOptions& options) {
  namespace json = boost::json;
  json::object stored = to_configuration_json(postgresql_configuration_schema());
  auto set = [&](const char* key, json::value value) { stored[key].as_object()["value"] = value; };
  set("host", json::string(pg.host()));
  set("port", options.port ? options.port : pg.port());
  set("username", json::string(options.user.empty() ? pg.admin_user() : options.user));
  set("password", json::string(options.password.empty() ? pg.admin_password() : options.password));
  set("database", json::string(pg.database()));
  set("schema", json::string(options.schema));
  set("tables", json::string(options.tables));
  set("retry_count", options.retry_count);
  return stored;
}

inline std::unique_ptr<Source> make_source(const ftest::PostgresServer& pg, const SourceOptions& options,
                                           std::shared_ptr<core::Clock> clock = nullptr) {
  if (!clock) clock = std::make_shared<core::testing::ManualClock>();
  const SourceDescriptor descriptor = make_postgresql_descriptor(clock, options.commit_timestamp_overlap);
  const DataSourceConfiguration config(configuration(pg, options), descriptor.configuration);
  auto source = descriptor.create(config);
  source->validate_config();
  return source;
}

// One sync into a CollectingSink; `cursor_out` receives the source's cursor afterwards.
inline CollectingSink sync(const ftest::PostgresServer& pg, const SourceOptions& options, const SyncRequest& request = {},
                           std::shared_ptr<core::Clock> clock = nullptr, boost::json::value* cursor_out = nullptr) {
  auto source = make_source(pg, options, std::move(clock));
  CollectingSink sink;
  source->get_docs(request, sink, {});
  if (cursor_out) *cursor_out = source->sync_cursor();
  return sink;
}

inline std::vector<Document> documents(const ftest::PostgresServer& pg, const SourceOptions& options,
                                       std::shared_ptr<core::Clock> clock = nullptr) {
  return sync(pg, options, {}, std::move(clock)).documents;
}

// The table's real `_timestamp`: its newest commit time, as the server reports it.
inline std::string commit_timestamp(const ftest::PostgresServer& pg, const std::string& relation) {
  const auto text = pg.query_value(
      "SELECT to_char(MAX(pg_xact_commit_timestamp(xmin)) AT TIME ZONE 'UTC', "
      "'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM " + relation);
  std::string iso = text.value();
  if (iso.ends_with(".000000")) iso.resize(iso.size() - 7);
  return iso + "+00:00";
}

inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

}  // namespace connectors::sources::postgresql::testing
