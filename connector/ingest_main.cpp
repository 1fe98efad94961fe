#include "connector/ingest_main.hpp"

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "connector/actions.hpp"
#include "connector/command_line.hpp"
#include "connector/config_loader.hpp"
#include "connector/logging.hpp"
#include "connector/service_runner.hpp"
#include "connector/version.hpp"

namespace connectors::service {

namespace {

std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

// As click reports a UsageError.
int usage_error(const UsageError& e) {
  std::cerr << usage_text() << "\nError: " << e.message() << '\n';
  return 2;
}

}  // namespace

int elastic_ingest_main(int argc, char** argv,
                        const std::function<void(sources::SourceRegistry&)>& register_sources) {
  CommandLine command_line;
  try {
    command_line = parse_command_line(argc, argv);
  } catch (const UsageError& e) {
    return usage_error(e);
  }
  if (command_line.command == Command::kHelp) {
    std::cout << help_text();
    return 0;
  }
  if (command_line.command == Command::kVersion) {
    std::cout << kServiceVersion << '\n';
    return 0;
  }

  configure_logging({.level = command_line.log_level.value_or("INFO"),
                     .filebeat = command_line.filebeat});
  spdlog::info("Running connector service version {}", kServiceVersion);
  spdlog::info("Loading config from {}", command_line.config_file);
  Config config = default_config();
  try {
    // `list` and `config` describe this build's sources; they need no config.yml unless one
    // is named, so they work right after the build.
    const bool describe_only = command_line.command == Command::kList || command_line.command == Command::kConfig;
    if (!(describe_only && !command_line.config_file_given && !std::filesystem::exists(command_line.config_file))) {
      config = load_config(command_line.config_file, process_environment);
    }
  } catch (const ConfigError& e) {
    // Filebeat users read the JSON log; the plain line below is what a person reads.
    if (command_line.filebeat) spdlog::error("{}", e.message());
    std::cerr << "Error: " << e.message() << '\n';
    if (!command_line.config_file_given && !std::filesystem::exists(command_line.config_file)) {
      std::cerr << "Pass -c/--config-file, or start from config.yml.example: cp config.yml.example config.yml\n";
    }
    return 1;
  }
  configure_logging({.level = effective_log_level(command_line.log_level, config.service.log_level),
                     .filebeat = command_line.filebeat});

  sources::SourceRegistry registry;
  register_sources(registry);

  try {
    if (command_line.command == Command::kList) {
      print_sources(registry, std::cout);
      return 0;
    }
    if (command_line.command == Command::kConfig) {
      print_default_configuration(registry, *command_line.service_type, std::cout);
      return 0;
    }
  } catch (const UsageError& e) {
    return usage_error(e);
  }

  const int code = run_service(config, run_options(command_line), registry);
  spdlog::info("Bye");
  return code;
}

}  // namespace connectors::service
