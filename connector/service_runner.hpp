#pragma once
// The long-running part of elastic-ingest: preflight, then the service loops until SIGINT or
// SIGTERM. main() parses the command line, loads config.yml and sets up logging, then calls
// run_service() for the service actions.

#include <set>

#include "connector/config.hpp"
#include "sources/source_registry.hpp"

namespace connectors::service {

// The --action values that run loops (list and config are answered by main and exit).
enum class Action { kSchedule, kSyncContent, kSyncAccessControl, kCleanup };

struct RunOptions {
  std::set<Action> actions;  // the four when --action is not given
};

// Runs until SIGINT/SIGTERM; returns the process exit code (non-zero when preflight fails).
int run_service(const Config& config, const RunOptions& options,
                const sources::SourceRegistry& registry);

}  // namespace connectors::service
