#include "connector/service_runner.hpp"

#include <spdlog/spdlog.h>

namespace connectors::service {

int run_service(const Config&, const RunOptions&, const sources::SourceRegistry&) {
  // Replaced by the service loop (work in progress by the lead).
  spdlog::error("the service loop is not implemented yet");
  return 1;
}

}  // namespace connectors::service
