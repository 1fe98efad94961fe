#pragma once
// The two log line formats of Elastic's service (connectors_sdk/logger.py), as spdlog
// formatters:
//
//   plain:    [FMWK][09:14:03][INFO] Loading config from config.yml
//             (UTC time; whole line in Elastic's ANSI colour for the level when enabled)
//   filebeat: {"@timestamp":"2026-05-19T09:14:03.123Z","log.level":"info","message":"...",
//              "ecs":{"version":"1.6.0"},"log":{"logger":"connectors","original":"..."},
//              "process":{"name":"MainProcess","pid":42,"thread":{"id":42,"name":"MainThread"}},
//              "service":{"type":"connectors-python","version":"0.1.0"}}
//
// The filebeat line follows ecs-logging-python 2.0.0's StdlibFormatter: "@timestamp",
// "log.level" and "message" first, then the other fields nested on their dots with keys
// sorted, no spaces. service.type keeps Elastic's value so dashboards and filters that
// select the connectors service keep matching.

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/formatter.h>

namespace connectors::service {

// Python's logging level name for an spdlog level: "INFO", "WARNING", "CRITICAL"...
std::string_view python_level_name(spdlog::level::level_enum level);

class PlainLogFormatter : public spdlog::formatter {
 public:
  PlainLogFormatter(std::string prefix, bool color);
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  std::string prefix_;
  bool color_;
};

// The fields every ECS line carries besides the message.
struct EcsFields {
  std::string service_type = "connectors-python";
  std::string service_version;
  long pid = 0;
  std::string process_name = "MainProcess";
};

class EcsLogFormatter : public spdlog::formatter {
 public:
  explicit EcsLogFormatter(EcsFields fields);
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;

 private:
  EcsFields fields_;
};

}  // namespace connectors::service
