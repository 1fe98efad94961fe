#pragma once
// What this binary can sync: one explicit list instead of Elastic's `sources:` import paths.

#include "sources/source_registry.hpp"

namespace connectors::service {

void register_sources(sources::SourceRegistry& registry);

}  // namespace connectors::service
