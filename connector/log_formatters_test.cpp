#include "connector/log_formatters.hpp"

#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <spdlog/details/log_msg.h>

#include "connector/logging.hpp"

namespace connectors::service {
namespace {

// 2026-05-19T09:14:03.123Z
spdlog::log_clock::time_point fixed_time() {
  using namespace std::chrono;
  return spdlog::log_clock::time_point(
      duration_cast<spdlog::log_clock::duration>(milliseconds(1779182043123LL)));
}

std::string format(spdlog::formatter& formatter, spdlog::level::level_enum level,
                   std::string_view text, spdlog::source_loc where = {}) {
  spdlog::details::log_msg msg(fixed_time(), where, "connectors", level,
                               spdlog::string_view_t(text.data(), text.size()));
  msg.thread_id = 4242;
  spdlog::memory_buf_t buffer;
  formatter.format(msg, buffer);
  return std::string(buffer.data(), buffer.size());
}

TEST(PlainLogFormatter, ImitatesElasticsFrameworkLines) {
  PlainLogFormatter plain("FMWK", false);
  EXPECT_EQ(format(plain, spdlog::level::info, "Loading config from config.yml"),
            "[FMWK][09:14:03][INFO] Loading config from config.yml\n");
  EXPECT_EQ(format(plain, spdlog::level::warn, "w"), "[FMWK][09:14:03][WARNING] w\n");
  EXPECT_EQ(format(plain, spdlog::level::err, "e"), "[FMWK][09:14:03][ERROR] e\n");
  EXPECT_EQ(format(plain, spdlog::level::critical, "c"), "[FMWK][09:14:03][CRITICAL] c\n");
  EXPECT_EQ(format(plain, spdlog::level::debug, "d"), "[FMWK][09:14:03][DEBUG] d\n");
}

TEST(PlainLogFormatter, ColoursTheWholeLineWithElasticsCodes) {
  PlainLogFormatter colour("FMWK", true);
  EXPECT_EQ(format(colour, spdlog::level::info, "hi"),
            "\x1b[32;20m[FMWK][09:14:03][INFO] hi\x1b[0m\n");
  EXPECT_EQ(format(colour, spdlog::level::warn, "hi"),
            "\x1b[33;20m[FMWK][09:14:03][WARNING] hi\x1b[0m\n");
  EXPECT_EQ(format(colour, spdlog::level::critical, "hi"),
            "\x1b[31;1m[FMWK][09:14:03][CRITICAL] hi\x1b[0m\n");
}

EcsFields test_fields() {
  EcsFields fields;
  fields.service_version = "9.9.9";
  fields.pid = 1234;
  return fields;
}

std::vector<std::string> keys_of(const boost::json::object& object) {
  std::vector<std::string> keys;
  for (const auto& entry : object) keys.emplace_back(entry.key());
  return keys;
}

TEST(EcsLogFormatter, OneJsonObjectPerLineWithEcsFields) {
  EcsLogFormatter ecs(test_fields());
  const std::string line =
      format(ecs, spdlog::level::warn, "quote \" backslash \\ newline \n tab \t é");
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);

  const boost::json::object doc = boost::json::parse(line).as_object();
  EXPECT_EQ(keys_of(doc), (std::vector<std::string>{"@timestamp", "log.level", "message", "ecs",
                                                    "log", "process", "service"}));
  EXPECT_EQ(doc.at("@timestamp"), "2026-05-19T09:14:03.123Z");
  EXPECT_EQ(doc.at("log.level"), "warning");
  EXPECT_EQ(doc.at("message"), "quote \" backslash \\ newline \n tab \t é");
  EXPECT_EQ(doc.at("ecs").at("version"), "1.6.0");
  EXPECT_EQ(doc.at("log").at("logger"), "connectors");
  EXPECT_EQ(doc.at("log").at("original"), doc.at("message"));
  EXPECT_EQ(doc.at("process").at("pid"), 1234);
  EXPECT_EQ(doc.at("process").at("name"), "MainProcess");
  EXPECT_EQ(doc.at("process").at("thread").at("id"), 4242);
  EXPECT_EQ(doc.at("service").at("type"), "connectors-python");
  EXPECT_EQ(doc.at("service").at("version"), "9.9.9");
  EXPECT_EQ(keys_of(doc.at("process").as_object()),
            (std::vector<std::string>{"name", "pid", "thread"}));
}

TEST(EcsLogFormatter, SourceLocationGoesToLogOrigin) {
  EcsLogFormatter ecs(test_fields());
  const std::string line = format(ecs, spdlog::level::info, "m",
                                  spdlog::source_loc{"/src/connector/job_runner.cpp", 42, "run"});
  const boost::json::object log = boost::json::parse(line).at("log").as_object();
  EXPECT_EQ(keys_of(log), (std::vector<std::string>{"logger", "origin", "original"}));
  EXPECT_EQ(log.at("origin").at("file").at("name"), "job_runner.cpp");
  EXPECT_EQ(log.at("origin").at("file").at("line"), 42);
  EXPECT_EQ(log.at("origin").at("function"), "run");
}

TEST(EcsLogFormatter, MainThreadIsNamedAsPythonNamesIt) {
  EcsFields fields = test_fields();
  fields.pid = 4242;  // the test's message claims thread 4242
  EcsLogFormatter ecs(fields);
  const auto doc = boost::json::parse(format(ecs, spdlog::level::info, "m"));
  EXPECT_EQ(doc.at("process").at("thread").at("name"), "MainThread");
}

TEST(EcsLogFormatter, InvalidUtf8StillGivesValidJson) {
  EcsLogFormatter ecs(test_fields());
  const std::string line = format(ecs, spdlog::level::err, "bad \xff\xfe bytes");
  EXPECT_EQ(boost::json::parse(line).at("message"), "bad  bytes");
}

TEST(Logging, LevelNamesAndPrecedence) {
  EXPECT_EQ(parse_log_level("debug"), spdlog::level::debug);
  EXPECT_EQ(parse_log_level("WARNING"), spdlog::level::warn);
  EXPECT_EQ(parse_log_level("Warn"), spdlog::level::warn);
  EXPECT_EQ(parse_log_level("CRITICAL"), spdlog::level::critical);
  EXPECT_FALSE(parse_log_level("verbose").has_value());
  EXPECT_EQ(effective_log_level(std::string("ERROR"), "DEBUG"), "ERROR");
  EXPECT_EQ(effective_log_level(std::nullopt, "DEBUG"), "DEBUG");
  EXPECT_EQ(effective_log_level(std::nullopt, ""), "INFO");
}

}  // namespace
}  // namespace connectors::service
