#include "ftest/harness/child_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

namespace connectors::ftest {
namespace {

using namespace std::chrono_literals;

TEST(ChildProcess, CapturesStdoutLineByLine) {
  auto child = ChildProcess::spawn({.argv = {"/bin/sh", "-c", "echo first; echo second"},
                                    .capture_stdout = true});
  EXPECT_EQ(child.read_line(5s), "first");
  EXPECT_EQ(child.read_line(5s), "second");
  EXPECT_EQ(child.read_line(5s), std::nullopt);
  auto status = child.wait_for(5s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->ok());
}

TEST(ChildProcess, PassesEnvironmentAndReportsExitCode) {
  auto child = ChildProcess::spawn({.argv = {"/bin/sh", "-c", "exit $CODE"}, .env = {{"CODE", "7"}}});
  auto status = child.wait_for(5s);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->exit_code, 7);
  EXPECT_FALSE(status->ok());
}

TEST(ChildProcess, StopEscalatesToKillWhenTheSignalIsIgnored) {
  auto child = ChildProcess::spawn(
      {.argv = {"/bin/sh", "-c", "trap '' TERM; echo ready; while true; do sleep 1; done"},
       .capture_stdout = true});
  ASSERT_EQ(child.read_line(5s), "ready");
  const auto status = child.stop(200ms);
  EXPECT_EQ(status.term_signal, SIGKILL);
  EXPECT_FALSE(child.running());
}

TEST(ChildProcess, DestructorStopsARunningChild) {
  pid_t pid = 0;
  {
    auto child = ChildProcess::spawn({.argv = {"/bin/sleep", "60"}});
    pid = child.pid();
    EXPECT_TRUE(child.running());
  }
  EXPECT_NE(::kill(pid, 0), 0);  // reaped and gone
}

TEST(ChildProcess, FailsClearlyForAMissingProgram) {
  auto child = ChildProcess::spawn({.argv = {"/nonexistent/program"}});
  auto status = child.wait_for(5s);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->exit_code, 127);
}

TEST(TempDir, IsRemovedWithItsContents) {
  std::string path;
  {
    TempDir dir("child-process-test-");
    path = dir.path();
    std::ofstream(path + "/file") << "x";
    EXPECT_TRUE(std::filesystem::exists(path + "/file"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(FindFreePort, ReturnsABindablePort) {
  const int port = find_free_port();
  EXPECT_GT(port, 0);
  EXPECT_LT(port, 65536);
}

}  // namespace
}  // namespace connectors::ftest
