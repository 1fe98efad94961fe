#pragma once
// elastic-ingest as a child process, the way users run it: `elastic-ingest -c config.yml`.

#include <string>
#include <vector>

#include "ftest/harness/child_process.hpp"

namespace connectors::ftest {

struct ServiceOptions {
  std::string binary;        // path to elastic-ingest
  std::string config_file;   // written by the caller
  std::string log_file;      // stdout and stderr are appended here
  std::vector<std::string> extra_args;  // e.g. --debug
  std::vector<std::pair<std::string, std::string>> env;  // on top of the current environment
};

class ServiceProcess {
 public:
  static ServiceProcess start(const ServiceOptions& options);

  // SIGINT, as Elastic's ftest stops the service; waits up to `grace`, then kills.
  ExitStatus stop(std::chrono::seconds grace = std::chrono::seconds{60});
  bool running() { return process_.running(); }
  // The child itself: signals (SIGTERM, SIGKILL) and waits with a deadline.
  ChildProcess& process() { return process_; }

 private:
  explicit ServiceProcess(ChildProcess process) : process_(std::move(process)) {}
  ChildProcess process_;
};

}  // namespace connectors::ftest
