#include "connector/logging.hpp"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <memory>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "connector/log_formatters.hpp"
#include "connector/version.hpp"

namespace connectors::service {

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "DEBUG") return spdlog::level::debug;
  if (upper == "INFO") return spdlog::level::info;
  if (upper == "WARNING" || upper == "WARN") return spdlog::level::warn;
  if (upper == "ERROR") return spdlog::level::err;
  if (upper == "CRITICAL" || upper == "FATAL") return spdlog::level::critical;
  return std::nullopt;
}

std::string effective_log_level(const std::optional<std::string>& command_line_level,
                                const std::string& config_level) {
  if (command_line_level && !command_line_level->empty()) return *command_line_level;
  if (!config_level.empty()) return config_level;
  return "INFO";
}

void configure_logging(const LogOptions& options) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  if (options.filebeat) {
    EcsFields fields;
    fields.service_version = kServiceVersion;
    fields.pid = static_cast<long>(::getpid());
    sink->set_formatter(std::make_unique<EcsLogFormatter>(std::move(fields)));
  } else {
    const bool color = options.color.value_or(::isatty(::fileno(stderr)) == 1);
    sink->set_formatter(std::make_unique<PlainLogFormatter>("FMWK", color));
  }
  auto logger = std::make_shared<spdlog::logger>("connectors", std::move(sink));
  const auto level = parse_log_level(options.level).value_or(spdlog::level::info);
  logger->set_level(level);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace connectors::service
