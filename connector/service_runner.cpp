#include "connector/service_runner.hpp"

#include <signal.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <ctime>
#include <functional>
#include <thread>
#include <vector>

#include "connector/connector_pass.hpp"
#include "connector/job_execution.hpp"
#include "connector/preflight.hpp"
#include "connector/service_context.hpp"
#include "protocol/beast_transport.hpp"
#include "protocol/es_server.hpp"

namespace connectors::service {
namespace {

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

// SIGINT and SIGTERM become a stop request; they are blocked in every thread and taken
// here, so no handler runs in the middle of anything.
class SignalWatcher {
 public:
  explicit SignalWatcher(std::stop_source stop) : stop_(std::move(stop)) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    thread_ = std::jthread([this](std::stop_token own) { watch(own); });
  }

 private:
  void watch(std::stop_token own) {
    int caught = 0;
    while (!own.stop_requested()) {
      timespec wait{0, 200'000'000};
      siginfo_t info{};
      const int signal = sigtimedwait(&signals_, &info, &wait);
      if (signal != SIGINT && signal != SIGTERM) continue;
      if (++caught == 1) {
        spdlog::info("Caught {}: shutting down; running syncs are suspended and resume at the next start",
                     signal == SIGINT ? "SIGINT" : "SIGTERM");
        stop_.request_stop();
      } else {
        spdlog::warn("Second signal: exiting now");
        std::_Exit(1);
      }
    }
  }

  std::stop_source stop_;
  sigset_t signals_{};
  std::jthread thread_;
};

// Runs `pass` now and then every `period` until stopped. A failing pass is logged and the
// loop goes on; Elastic's service stops after too many failures in a window (service.max_errors
// in service.max_errors_span), and so do we.
void run_loop(const char* name, core::Clock& clock, const ServiceConfig& service, std::stop_token stop,
              std::stop_source& fatal, const std::function<void(std::stop_token)>& pass) {
  std::vector<core::SteadyTime> errors;
  while (!stop.stop_requested()) {
    try {
      pass(stop);
    } catch (const core::StopRequested&) {
      break;
    } catch (const std::exception& e) {
      spdlog::error("{} service: {}", name, e.what());
      const auto now = clock.steady_now();
      errors.push_back(now);
      std::erase_if(errors, [&](auto t) { return now - t > service.max_errors_span; });
      if (static_cast<int>(errors.size()) > service.max_errors) {
        spdlog::critical("{} service: more than {} errors in {}s, stopping", name, service.max_errors,
                         service.max_errors_span.count());
        fatal.request_stop();
        break;
      }
    }
    clock.sleep_for(service.idling, stop);
  }
}

}  // namespace

int run_service(const Config& config, const RunOptions& options, const sources::SourceRegistry& registry) {
  std::stop_source stop;
  SignalWatcher signals(stop);

  core::SystemClock clock;
  protocol::BeastTransportSettings transport_settings;
  transport_settings.url = config.elasticsearch.host;
  transport_settings.verify_certs = !config.elasticsearch.ssl || config.elasticsearch.verify_certs;
  if (config.elasticsearch.ssl && config.elasticsearch.ca_certs) transport_settings.ca_certs = *config.elasticsearch.ca_certs;
  protocol::BeastTransport transport(transport_settings);
  protocol::EsClient es(transport, es_client_settings(config.elasticsearch), clock);
  ServiceContext context{config, registry, clock, transport, es, host_name()};

  try {
    run_preflight(context, protocol::env_flag_enabled(std::getenv("ALLOW_ES_VERSION_MISMATCH")), stop.get_token());
  } catch (const core::StopRequested&) {
    spdlog::info("Stopped during preflight");
    return 0;
  } catch (const std::exception& e) {
    spdlog::critical("Preflight failed: {}", e.what());
    return 1;
  }

  std::stop_source fatal;
  std::stop_callback on_fatal(fatal.get_token(), [&] { stop.request_stop(); });
  std::vector<std::jthread> loops;
  if (options.actions.contains(Action::kSchedule)) {
    loops.emplace_back([&] {
      ConnectorPass pass(context);
      run_loop("schedule", clock, config.service, stop.get_token(), fatal,
               [&](std::stop_token s) { pass.run(s); });
    });
  }
  if (options.actions.contains(Action::kSyncContent)) {
    loops.emplace_back([&] {
      JobExecution execution(context);
      run_loop("sync_content", clock, config.service, stop.get_token(), fatal,
               [&](std::stop_token s) { execution.poll(s); });
      execution.wait_all();
    });
  }
  if (options.actions.contains(Action::kCleanup)) {
    spdlog::warn("The cleanup service (idle and orphaned jobs) is not available in this version yet");
  }
  if (options.actions.contains(Action::kSyncAccessControl)) {
    // No registered source has document-level security, so there is never an access-control
    // job this service could run; jobs of that type are left for a service that can.
    spdlog::debug("No source with document-level security: the sync_access_control service is idle");
  }
  for (auto& loop : loops) loop.join();
  spdlog::info("Connector service stopped");
  return fatal.stop_requested() ? 1 : 0;
}

}  // namespace connectors::service
