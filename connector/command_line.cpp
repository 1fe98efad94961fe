#include "connector/command_line.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include <boost/program_options.hpp>

namespace connectors::service {
namespace {

namespace po = boost::program_options;

constexpr std::string_view kActionChoices[] = {"schedule", "sync_content", "sync_access_control",
                                               "list",     "config",       "cleanup"};
constexpr std::string_view kDefaultActions[] = {"schedule", "sync_content", "sync_access_control",
                                                "cleanup"};
constexpr std::string_view kLevelChoices[] = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};

template <std::size_t N>
std::string quoted_choices(const std::string_view (&choices)[N]) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += ", ";
    out += "'" + std::string(choices[i]) + "'";
  }
  return out;
}

template <std::size_t N>
std::optional<std::string> match_choice(const std::string_view (&choices)[N],
                                        const std::string& value) {
  for (std::string_view choice : choices) {
    if (choice.size() == value.size() &&
        std::equal(choice.begin(), choice.end(), value.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return std::string(choice);
    }
  }
  return std::nullopt;
}

po::options_description option_table() {
  po::options_description options;
  options.add_options()
      ("version,v", "")
      ("action", po::value<std::string>(), "")
      ("config-file,c", po::value<std::string>(), "")
      ("log-level", po::value<std::string>(), "")
      ("debug", "")
      ("filebeat", "")
      ("service-type", po::value<std::string>(), "")
      ("uvloop", "")
      ("help,h", "")
      ("extra-arguments", po::value<std::vector<std::string>>(), "");
  return options;
}

// Boost's messages, reworded as click words them.
[[noreturn]] void rethrow_as_usage_error(const po::error& e) {
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&e)) {
    throw UsageError("No such option: " + unknown->get_option_name());
  }
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    const std::string name = syntax->get_option_name();
    if (syntax->kind() == po::invalid_command_line_syntax::missing_parameter) {
      throw UsageError("Option '" + name + "' requires an argument.");
    }
    if (syntax->kind() == po::invalid_command_line_syntax::extra_parameter) {
      throw UsageError("Option '" + name + "' does not take a value.");
    }
  }
  throw UsageError(e.what());
}

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
  po::positional_options_description positional;
  positional.add("extra-arguments", -1);

  po::parsed_options parsed(nullptr);
  try {
    parsed = po::command_line_parser(argc, argv)
                 .options(option_table())
                 .positional(positional)
                 .style(po::command_line_style::unix_style &
                        ~po::command_line_style::allow_guessing)
                 .run();
  } catch (const po::error& e) {
    rethrow_as_usage_error(e);
  }

  // Options are taken in the order given; a repeated option's last value wins, as in click.
  CommandLine result;
  std::optional<Command> eager;  // --version and --help act before anything is checked
  std::vector<std::string> raw_actions;
  std::optional<std::string> raw_level;
  std::vector<std::string> extra;
  for (const auto& option : parsed.options) {
    const std::string& key = option.string_key;
    const std::string value = option.value.empty() ? std::string() : option.value.front();
    if (key == "version" || key == "help") {
      if (!eager) eager = key == "version" ? Command::kVersion : Command::kHelp;
    } else if (key == "action") {
      raw_actions.push_back(value);
    } else if (key == "config-file") {
      result.config_file = value;
      result.config_file_given = true;
    } else if (key == "log-level") {
      raw_level = value;
    } else if (key == "debug") {
      raw_level = "DEBUG";
    } else if (key == "filebeat") {
      result.filebeat = true;
    } else if (key == "service-type") {
      result.service_type = value;
    } else if (key == "uvloop") {
      result.uvloop = true;
    } else if (key == "extra-arguments") {
      extra.insert(extra.end(), option.value.begin(), option.value.end());
    }
  }
  if (eager) {
    result.command = *eager;
    return result;
  }

  for (const auto& raw : raw_actions) {
    const auto action = match_choice(kActionChoices, raw);
    if (!action) {
      throw UsageError("Invalid value for '--action': '" + raw + "' is not one of " +
                       quoted_choices(kActionChoices) + ".");
    }
    if (std::find(result.actions.begin(), result.actions.end(), *action) ==
        result.actions.end()) {
      result.actions.push_back(*action);
    }
  }
  if (raw_level) {
    // Click compares case-sensitively; any case is accepted here.
    result.log_level = match_choice(kLevelChoices, *raw_level);
    if (!result.log_level) {
      throw UsageError("Invalid value for '--log-level': '" + *raw_level + "' is not one of " +
                       quoted_choices(kLevelChoices) + ".");
    }
  }
  if (!extra.empty()) {
    std::string joined;
    for (const auto& e : extra) joined += (joined.empty() ? "" : " ") + e;
    throw UsageError(std::string(extra.size() == 1 ? "Got unexpected extra argument ("
                                                   : "Got unexpected extra arguments (") +
                     joined + ")");
  }

  if (result.actions.empty()) {
    result.actions.assign(std::begin(kDefaultActions), std::end(kDefaultActions));
  }
  const auto has = [&](std::string_view a) {
    return std::find(result.actions.begin(), result.actions.end(), a) != result.actions.end();
  };
  const bool alone = result.actions.size() == 1;
  if (has("list") && !alone) throw UsageError("Cannot use the `list` action with other actions");
  if (has("config") && !alone) {
    throw UsageError("Cannot use the `config` action with other actions");
  }
  if (has("list")) {
    result.command = Command::kList;
  } else if (has("config")) {
    if (!result.service_type || result.service_type->empty()) {
      throw UsageError(
          "Missing option '--service-type': the `config` action prints the default "
          "configuration of one service type.");
    }
    result.command = Command::kConfig;
  }
  return result;
}

RunOptions run_options(const CommandLine& command_line) {
  RunOptions options;
  for (const auto& action : command_line.actions) {
    if (action == "schedule") options.actions.insert(Action::kSchedule);
    if (action == "sync_content") options.actions.insert(Action::kSyncContent);
    if (action == "sync_access_control") options.actions.insert(Action::kSyncAccessControl);
    if (action == "cleanup") options.actions.insert(Action::kCleanup);
  }
  return options;
}

std::string usage_text() {
  return "Usage: elastic-ingest [OPTIONS]\n"
         "Try 'elastic-ingest --help' for help.\n";
}

std::string help_text() {
  return "Usage: elastic-ingest [OPTIONS]\n"
         "\n"
         "  Runs the Elastic connectors service: schedules and runs sync jobs for the\n"
         "  connectors listed in the configuration file.\n"
         "\n"
         "Options:\n"
         "  -v, --version                   Show the version and exit.\n"
         "  --action [schedule|sync_content|sync_access_control|list|config|cleanup]\n"
         "                                  What elastic-ingest should do.  [default:\n"
         "                                  schedule, sync_content, sync_access_control,\n"
         "                                  cleanup]\n"
         "  -c, --config-file PATH          Configuration file.  [default: config.yml]\n"
         "  --log-level [DEBUG|INFO|WARNING|ERROR|CRITICAL]\n"
         "                                  Set log level for the service.\n"
         "  --debug                         Alias for --log-level DEBUG.\n"
         "  --filebeat                      Output in filebeat format.\n"
         "  --service-type TEXT             Service type to get default configuration\n"
         "                                  for if action is config.\n"
         "  --uvloop                        Accepted for compatibility; ignored.\n"
         "  -h, --help                      Show this message and exit.\n";
}

}  // namespace connectors::service
