#include "connector/service_runner.hpp"

#include <signal.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "connector/connector_pass.hpp"
#include "connector/job_cleanup.hpp"
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

// Runs `pass` now and then again after the pause it returns, until stopped. A failing pass
// is logged and the loop goes on after `period`; Elastic's service stops after too many
// failures in a window (service.max_errors in service.max_errors_span), and so do we.
void run_loop(const char* name, core::Clock& clock, const ServiceConfig& service, core::Millis period,
              std::stop_token stop, std::stop_source& fatal,
              const std::function<core::Millis(std::stop_token)>& pass) {
  std::vector<core::SteadyTime> errors;
  while (!stop.stop_requested()) {
    std::optional<core::Millis> pause;  // none: the pass failed
    try {
      pause = pass(stop);
    } catch (const core::StopRequested&) {
      break;
    } catch (const std::exception& e) {
      spdlog::error("{} service: {}", name, e.what());
    }
    if (!pause) {
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
    clock.sleep_for(pause.value_or(period), stop);
  }
}

// The schedule loop sleeps `idling`, or less when a scheduled occurrence comes sooner, so
// that a schedule with seconds (every 5 seconds...) runs on time.
core::Millis until_next_pass(core::Clock& clock, const ServiceConfig& service,
                             const std::optional<core::WallTime>& occurrence) {
  const core::Millis idling = service.idling;
  if (!occurrence) return idling;
  const auto until = std::chrono::duration_cast<core::Millis>(*occurrence - clock.now());
  return std::clamp(until, core::Millis{0}, idling);
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
  const core::Millis idling = config.service.idling;
  if (options.actions.contains(Action::kSchedule)) {
    loops.emplace_back([&] {
      spdlog::info("Job Scheduling Service started, listening to events from {}", config.elasticsearch.host);
      ConnectorPass pass(context);
      run_loop("schedule", clock, config.service, idling, stop.get_token(), fatal,
               [&](std::stop_token s) { return until_next_pass(clock, config.service, pass.run(s)); });
    });
  }
  for (const auto& entry : {std::pair{Action::kSyncContent, JobKind::kContent},
                            std::pair{Action::kSyncAccessControl, JobKind::kAccessControl}}) {
    const Action action = entry.first;
    const JobKind kind = entry.second;
    if (!options.actions.contains(action)) continue;
    loops.emplace_back([&, action, kind] {
      const char* name = action == Action::kSyncContent ? "sync_content" : "sync_access_control";
      spdlog::info("{} service started, listening to events from {}",
                   kind == JobKind::kContent ? "Content sync job execution" : "Access control sync job execution",
                   config.elasticsearch.host);
      JobExecution execution(context, kind);
      run_loop(name, clock, config.service, idling, stop.get_token(), fatal, [&](std::stop_token s) {
        execution.poll(s);
        return idling;
      });
      execution.wait_all();
    });
  }
  if (options.actions.contains(Action::kCleanup)) {
    loops.emplace_back([&] {
      spdlog::debug("Successfully started Job cleanup task...");
      JobCleanup cleanup(context);
      const core::Millis interval = config.service.job_cleanup_interval;
      run_loop("cleanup", clock, config.service, interval, stop.get_token(), fatal, [&](std::stop_token s) {
        cleanup.run(s);
        return interval;
      });
    });
  }
  for (auto& loop : loops) loop.join();
  spdlog::info("Connector service stopped");
  return fatal.stop_requested() ? 1 : 0;
}

}  // namespace connectors::service
