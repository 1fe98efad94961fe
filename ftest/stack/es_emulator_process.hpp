#pragma once
// es-emulator as a child process on a free port: started, its URL read from the first line
// it prints ("listening on http://HOST:PORT"), stopped with the process.

#include <string>
#include <vector>

#include "ftest/harness/child_process.hpp"

namespace connectors::ftest {

class EsEmulatorProcess {
 public:
  // Throws std::runtime_error (with the log's tail) when it does not come up within 30 s.
  static EsEmulatorProcess start(const std::string& binary, const std::string& log_file);
  // The same with more command-line options after --host and --port (e.g. {"--security"}).
  static EsEmulatorProcess start(const std::string& binary, const std::string& log_file,
                                 const std::vector<std::string>& extra_args);

  const std::string& url() const { return url_; }
  ChildProcess& process() { return process_; }

 private:
  EsEmulatorProcess(ChildProcess process, std::string url) : process_(std::move(process)), url_(std::move(url)) {}

  ChildProcess process_;
  std::string url_;
};

// The last `lines` lines of a text file, for failure messages.
std::string tail_of_file(const std::string& path, std::size_t lines = 30);

}  // namespace connectors::ftest
