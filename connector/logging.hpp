#pragma once
// Sets up spdlog's default logger the way Elastic's service sets up its `connectors` logger
// (connectors_sdk/logger.py set_logger): one handler on stderr (Python's StreamHandler
// default), the plain "[FMWK][HH:MM:SS][LEVEL] message" format or, with --filebeat, one ECS
// JSON object per line. See log_formatters.hpp for the two formats.
//
// Level precedence, as in service_cli.py: --log-level/--debug > config.yml
// service.log_level > INFO.

#include <optional>
#include <string>
#include <string_view>

#include <spdlog/common.h>

namespace connectors::service {

struct LogOptions {
  std::string level = "INFO";  // a Python level name, any case
  bool filebeat = false;
  // Plain format only. nullopt: colour when stderr is a terminal. (Elastic always
  // colours; escape codes in a file or a pipe are noise.)
  std::optional<bool> color;
};

// "DEBUG", "info", "Warning", "WARN"... -> the spdlog level; nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name);

// The level to run with: the command line's, else config.yml's, else INFO.
std::string effective_log_level(const std::optional<std::string>& command_line_level,
                                const std::string& config_level);

// Replaces spdlog's default logger with a logger named "connectors" writing to stderr.
// Can be called again (main sets up logging before reading config.yml and again after).
// An unknown level name means INFO.
void configure_logging(const LogOptions& options);

}  // namespace connectors::service
