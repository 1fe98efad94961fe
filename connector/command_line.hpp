#pragma once
// elastic-ingest's command line, with the options and rules of Elastic's click command
// (connectors/service_cli.py), so existing command lines keep working:
//
//   elastic-ingest [-c config.yml] [--action A]... [--log-level L | --debug] [--filebeat]
//                  [--service-type T] [--uvloop] [-v|--version] [-h|--help]
//
// Differences: the default config file is ./config.yml (Elastic's is next to its package);
// -h is accepted besides --help; `--uvloop` is accepted and ignored.

#include <optional>
#include <string>
#include <vector>

#include "connector/service_runner.hpp"
#include "core/error.hpp"

namespace connectors::service {

// A command line that cannot be run. main prints usage_text(), then "Error: <message>",
// and exits with 2, as click does.
class UsageError : public core::Error {
 public:
  explicit UsageError(std::string message) : core::Error("UsageError", std::move(message)) {}
};

enum class Command { kRun, kList, kConfig, kVersion, kHelp };

struct CommandLine {
  Command command = Command::kRun;
  std::string config_file = "config.yml";
  bool config_file_given = false;  // -c/--config-file was on the command line
  std::optional<std::string> log_level;  // DEBUG|INFO|WARNING|ERROR|CRITICAL, --debug = DEBUG
  bool filebeat = false;
  // As given, lower-cased; the four service actions when --action is absent.
  std::vector<std::string> actions;
  std::optional<std::string> service_type;
  bool uvloop = false;
};

// argv[0] is the program name. Throws UsageError.
CommandLine parse_command_line(int argc, const char* const* argv);

// The service loops to run for Command::kRun.
RunOptions run_options(const CommandLine& command_line);

// "Usage: elastic-ingest [OPTIONS]\nTry 'elastic-ingest --help' for help.\n"
std::string usage_text();
// The --help page, laid out as click lays it out.
std::string help_text();

}  // namespace connectors::service
