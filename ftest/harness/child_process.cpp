#include "ftest/harness/child_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace connectors::ftest {
namespace {

[[noreturn]] void child_fail(const char* what) {
  // Only async-signal-safe calls between fork and exec.
  const char* err = std::strerror(errno);
  (void)!write(2, what, std::strlen(what));
  (void)!write(2, ": ", 2);
  (void)!write(2, err, std::strlen(err));
  (void)!write(2, "\n", 1);
  _exit(127);
}

}  // namespace

std::string ExitStatus::describe() const {
  if (term_signal != 0) return "killed by signal " + std::to_string(term_signal);
  return "exit code " + std::to_string(exit_code);
}

ChildProcess ChildProcess::spawn(ProcessOptions options) {
  if (options.argv.empty()) throw std::invalid_argument("ChildProcess: empty argv");

  // Everything the child needs is prepared before fork: after it, only syscalls.
  std::vector<char*> argv;
  for (auto& a : options.argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto& [k, v] : options.env) overridden = overridden || k == name;
    if (!overridden) env_storage.push_back(std::move(entry));
  }
  for (const auto& [k, v] : options.env) env_storage.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);

  int pipe_fds[2] = {-1, -1};
  if (options.capture_stdout && ::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  }
  int stdout_file_fd = -1;
  if (!options.stdout_file.empty()) {
    stdout_file_fd = ::open(options.stdout_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (stdout_file_fd < 0) throw std::runtime_error("cannot open " + options.stdout_file);
  }
  int stderr_file_fd = -1;
  if (!options.stderr_file.empty()) {
    stderr_file_fd = ::open(options.stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (stderr_file_fd < 0) throw std::runtime_error("cannot open " + options.stderr_file);
  }
  const pid_t parent = ::getpid();

  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork: " + std::string(std::strerror(errno)));
  if (pid == 0) {
    ::setpgid(0, 0);
    // A parent that blocks or ignores signals (to take them on a thread of its own) must not
    // pass that on: PostgreSQL, for one, shuts down on SIGINT.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    if (options.capture_stdout) ::dup2(pipe_fds[1], 1);
    else if (stdout_file_fd >= 0) ::dup2(stdout_file_fd, 1);
    if (stderr_file_fd >= 0) ::dup2(stderr_file_fd, 2);
    if (options.gid && ::setgid(*options.gid) != 0) child_fail("setgid");
    if (options.uid && ::setuid(*options.uid) != 0) child_fail("setuid");
    // After the credential change, which would clear it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) _exit(127);  // the parent died before prctl
    if (!options.working_dir.empty() && ::chdir(options.working_dir.c_str()) != 0) child_fail("chdir");
    ::execve(argv[0], argv.data(), envp.data());
    child_fail(argv[0]);
  }
  ::setpgid(pid, pid);  // also from the parent, so the group exists before we signal it
  if (stdout_file_fd >= 0) ::close(stdout_file_fd);
  if (stderr_file_fd >= 0) ::close(stderr_file_fd);

  ChildProcess child;
  child.pid_ = pid;
  child.stop_signal_ = options.stop_signal;
  child.program_ = options.argv[0];
  if (options.capture_stdout) {
    ::close(pipe_fds[1]);
    child.stdout_fd_ = pipe_fds[0];
  }
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept { *this = std::move(other); }

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0 && !exit_) stop();
    if (stdout_fd_ >= 0) ::close(stdout_fd_);
    pid_ = std::exchange(other.pid_, -1);
    stdout_fd_ = std::exchange(other.stdout_fd_, -1);
    stop_signal_ = other.stop_signal_;
    program_ = std::move(other.program_);
    pending_ = std::move(other.pending_);
    exit_ = std::exchange(other.exit_, std::nullopt);
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exit_) stop();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

void ChildProcess::reap(int status, const ::rusage& usage) {
  ExitStatus s;
  if (WIFEXITED(status)) s.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) s.term_signal = WTERMSIG(status);
  s.max_rss_kib = usage.ru_maxrss;
  s.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  exit_ = s;
}

bool ChildProcess::running() {
  if (exit_ || pid_ <= 0) return false;
  int status = 0;
  ::rusage usage{};
  const pid_t r = ::wait4(pid_, &status, WNOHANG, &usage);
  if (r == pid_) {
    reap(status, usage);
    return false;
  }
  return true;
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  if (stdout_fd_ < 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (const auto nl = pending_.find('\n'); nl != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{stdout_fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return std::nullopt;
    char buf[4096];
    const ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;  // end of output
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

void ChildProcess::send_signal(int signal) {
  if (pid_ > 0 && !exit_) ::kill(pid_, signal);
}

std::optional<ExitStatus> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
  if (exit_) return exit_;
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds{1};
  while (true) {
    if (!running()) return exit_;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds{50});
  }
}

ExitStatus ChildProcess::stop(std::chrono::milliseconds grace) {
  if (exit_) return *exit_;
  if (pid_ <= 0) return ExitStatus{};
  ::kill(pid_, stop_signal_);
  if (auto status = wait_for(grace)) {
    ::kill(-pid_, SIGKILL);  // anything the child left in its group
    return *status;
  }
  ::kill(-pid_, SIGKILL);
  int status = 0;
  ::rusage usage{};
  if (::wait4(pid_, &status, 0, &usage) == pid_) reap(status, usage);
  return exit_.value_or(ExitStatus{});
}

int find_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("bind: " + std::string(std::strerror(errno)));
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::optional<UserIds> lookup_user(const std::string& name) {
  struct passwd pwd {};
  struct passwd* result = nullptr;
  char buf[4096];
  if (::getpwnam_r(name.c_str(), &pwd, buf, sizeof buf, &result) != 0 || result == nullptr) {
    return std::nullopt;
  }
  return UserIds{pwd.pw_uid, pwd.pw_gid};
}

TempDir::TempDir(const std::string& prefix, std::optional<UserIds> owner) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp: " + std::string(std::strerror(errno)));
  }
  path_ = pattern;
  if (owner && ::chown(path_.c_str(), owner->uid, owner->gid) != 0) {
    throw std::runtime_error("chown " + path_ + ": " + std::strerror(errno));
  }
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace connectors::ftest
