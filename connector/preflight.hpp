#pragma once
// Before any loop starts (Elastic's PreflightCheck): Elasticsearch answers, its version is
// supported, config.yml names something to manage, and the system indices exist.
// Any failure is fatal: run_service exits non-zero (Elastic's service exits 0 here).

#include <stop_token>

#include "connector/service_context.hpp"

namespace connectors::service {

// Throws core::Error naming what failed; core::StopRequested when stopped meanwhile.
void run_preflight(ServiceContext& context, bool allow_version_mismatch, std::stop_token stop);

}  // namespace connectors::service
