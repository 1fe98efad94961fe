#pragma once
// Child processes for functional tests, the demo and PostgreSQL-backed tests: started,
// watched, and always stopped.
//
// Every child runs in its own process group, gets SIGKILL from the kernel if this process
// dies (PR_SET_PDEATHSIG), and is stopped by the destructor: SIGTERM (or the configured
// stop signal) to the group, a grace period, then SIGKILL. So a failing test cannot leave
// a PostgreSQL or an es-emulator behind.

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace connectors::ftest {

struct ProcessOptions {
  std::vector<std::string> argv;  // argv[0] is the program path
  std::vector<std::pair<std::string, std::string>> env;  // set on top of the current environment
  std::optional<uid_t> uid;  // run as this user (e.g. "postgres" when we are root)
  std::optional<gid_t> gid;
  std::string working_dir;   // empty: inherit
  // stdout handling: pipe it to us (read_line), append it to a file, or inherit.
  bool capture_stdout = false;
  std::string stdout_file;
  std::string stderr_file;   // empty: inherit
  int stop_signal = 15;      // SIGTERM; PostgreSQL prefers SIGINT (fast shutdown)
};

struct ExitStatus {
  int exit_code = -1;      // when exited normally
  int term_signal = 0;     // when killed by a signal
  long max_rss_kib = 0;    // peak resident set size (getrusage ru_maxrss)
  double cpu_seconds = 0;  // user + system CPU time
  bool ok() const { return term_signal == 0 && exit_code == 0; }
  std::string describe() const;
};

class ChildProcess {
 public:
  // Throws std::runtime_error naming the program when it cannot be started.
  static ChildProcess spawn(ProcessOptions options);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool running();

  // Next line of captured stdout, without the newline; nullopt on timeout or end of output.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);

  void send_signal(int signal);
  // Waits for the child to exit; nullopt if it is still running after `timeout`.
  std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
  // stop_signal, wait up to `grace`, then SIGKILL to the whole group. Idempotent.
  ExitStatus stop(std::chrono::milliseconds grace = std::chrono::seconds{10});

 private:
  ChildProcess() = default;
  void reap(int status, const ::rusage& usage);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int stop_signal_ = 15;
  std::string program_;
  std::string pending_;  // bytes read past the last returned line
  std::optional<ExitStatus> exit_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int find_free_port();

// Looks up a user for ProcessOptions::uid/gid; nullopt when it does not exist.
struct UserIds {
  uid_t uid;
  gid_t gid;
};
std::optional<UserIds> lookup_user(const std::string& name);

// A directory removed (recursively) on destruction, optionally owned by another user.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix, std::optional<UserIds> owner = std::nullopt);
  TempDir(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace connectors::ftest
