#include "connector/command_line.hpp"

#include <initializer_list>

#include <gtest/gtest.h>

namespace connectors::service {
namespace {

CommandLine parse(std::initializer_list<const char*> args) {
  std::vector<const char*> argv = {"elastic-ingest"};
  argv.insert(argv.end(), args.begin(), args.end());
  return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

std::string usage_error(std::initializer_list<const char*> args) {
  try {
    parse(args);
  } catch (const UsageError& e) {
    return e.message();
  }
  return "(no error)";
}

using Actions = std::vector<std::string>;

TEST(CommandLine, DefaultsRunTheFourServices) {
  const CommandLine c = parse({});
  EXPECT_EQ(c.command, Command::kRun);
  EXPECT_EQ(c.config_file, "config.yml");
  EXPECT_FALSE(c.config_file_given);
  EXPECT_FALSE(c.log_level.has_value());
  EXPECT_FALSE(c.filebeat);
  EXPECT_EQ(c.actions, (Actions{"schedule", "sync_content", "sync_access_control", "cleanup"}));
  EXPECT_EQ(run_options(c).actions,
            (std::set<Action>{Action::kSchedule, Action::kSyncContent, Action::kSyncAccessControl,
                              Action::kCleanup}));
}

TEST(CommandLine, OptionsInTheirVariousSpellings) {
  const CommandLine c = parse({"-c", "/etc/c.yml", "--filebeat", "--uvloop", "--log-level=ERROR",
                               "--service-type", "postgresql"});
  EXPECT_EQ(c.config_file, "/etc/c.yml");
  EXPECT_TRUE(c.config_file_given);
  EXPECT_TRUE(c.filebeat);
  EXPECT_TRUE(c.uvloop);
  EXPECT_EQ(c.log_level, "ERROR");
  EXPECT_EQ(c.service_type, "postgresql");
  EXPECT_EQ(parse({"--config-file=x.yml"}).config_file, "x.yml");
  EXPECT_EQ(parse({"-c", "a.yml", "-c", "b.yml"}).config_file, "b.yml");  // last wins
}

TEST(CommandLine, RepeatedActionsSelectServices) {
  const CommandLine c = parse({"--action", "schedule", "--action", "CLEANUP", "--action=schedule"});
  EXPECT_EQ(c.command, Command::kRun);
  EXPECT_EQ(c.actions, (Actions{"schedule", "cleanup"}));
  EXPECT_EQ(run_options(c).actions, (std::set<Action>{Action::kSchedule, Action::kCleanup}));
}

TEST(CommandLine, ListAndConfigActions) {
  EXPECT_EQ(parse({"--action", "list"}).command, Command::kList);
  EXPECT_EQ(parse({"--action", "List"}).command, Command::kList);
  const CommandLine config = parse({"--action", "config", "--service-type", "postgresql"});
  EXPECT_EQ(config.command, Command::kConfig);
  EXPECT_EQ(config.service_type, "postgresql");
}

TEST(CommandLine, ListAndConfigStandAlone) {
  EXPECT_EQ(usage_error({"--action", "list", "--action", "schedule"}),
            "Cannot use the `list` action with other actions");
  EXPECT_EQ(usage_error({"--action", "sync_content", "--action", "config", "--service-type", "x"}),
            "Cannot use the `config` action with other actions");
  EXPECT_EQ(usage_error({"--action", "config", "--action", "list"}),
            "Cannot use the `list` action with other actions");
}

TEST(CommandLine, ConfigNeedsAServiceType) {
  EXPECT_EQ(usage_error({"--action", "config"}),
            "Missing option '--service-type': the `config` action prints the default "
            "configuration of one service type.");
}

TEST(CommandLine, LogLevels) {
  EXPECT_EQ(parse({"--debug"}).log_level, "DEBUG");
  EXPECT_EQ(parse({"--log-level", "warning"}).log_level, "WARNING");
  EXPECT_EQ(parse({"--log-level", "ERROR", "--debug"}).log_level, "DEBUG");
  EXPECT_EQ(parse({"--debug", "--log-level", "ERROR"}).log_level, "ERROR");
  EXPECT_EQ(usage_error({"--log-level", "verbose"}),
            "Invalid value for '--log-level': 'verbose' is not one of 'DEBUG', 'INFO', "
            "'WARNING', 'ERROR', 'CRITICAL'.");
}

TEST(CommandLine, BadActionsAndOptions) {
  EXPECT_EQ(usage_error({"--action", "poll"}),
            "Invalid value for '--action': 'poll' is not one of 'schedule', 'sync_content', "
            "'sync_access_control', 'list', 'config', 'cleanup'.");
  EXPECT_EQ(usage_error({"--bogus"}), "No such option: --bogus");
  EXPECT_EQ(usage_error({"--conf", "x"}), "No such option: --conf");  // no prefix guessing
  EXPECT_EQ(usage_error({"--action"}), "Option '--action' requires an argument.");
  EXPECT_EQ(usage_error({"--debug=yes"}), "Option '--debug' does not take a value.");
  EXPECT_EQ(usage_error({"run"}), "Got unexpected extra argument (run)");
  EXPECT_EQ(usage_error({"a", "b"}), "Got unexpected extra arguments (a b)");
}

TEST(CommandLine, VersionAndHelpActFirst) {
  EXPECT_EQ(parse({"-v"}).command, Command::kVersion);
  EXPECT_EQ(parse({"--version"}).command, Command::kVersion);
  EXPECT_EQ(parse({"--action", "poll", "--version"}).command, Command::kVersion);
  EXPECT_EQ(parse({"-h"}).command, Command::kHelp);
  EXPECT_EQ(parse({"--help", "--version"}).command, Command::kHelp);
  EXPECT_EQ(parse({"--version", "--help"}).command, Command::kVersion);
}

TEST(CommandLine, HelpListsEveryOption) {
  const std::string help = help_text();
  for (const char* option : {"--version", "--action", "--config-file", "--log-level", "--debug",
                             "--filebeat", "--service-type", "--uvloop", "--help"}) {
    EXPECT_NE(help.find(option), std::string::npos) << option;
  }
  EXPECT_EQ(usage_text().rfind("Usage: elastic-ingest [OPTIONS]\n", 0), 0u);
}

}  // namespace
}  // namespace connectors::service
