#include "ftest/stack/service_process.hpp"

#include <signal.h>

namespace connectors::ftest {

ServiceProcess ServiceProcess::start(const ServiceOptions& options) {
  std::vector<std::string> argv{options.binary, "-c", options.config_file};
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  return ServiceProcess(ChildProcess::spawn({.argv = argv,
                                             .env = options.env,
                                             .stdout_file = options.log_file,
                                             .stderr_file = options.log_file,
                                             .stop_signal = SIGINT}));
}

ExitStatus ServiceProcess::stop(std::chrono::seconds grace) { return process_.stop(grace); }

}  // namespace connectors::ftest
