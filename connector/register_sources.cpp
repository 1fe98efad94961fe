#include "connector/register_sources.hpp"

#include "sources/postgresql/postgres_source.hpp"

namespace connectors::service {

void register_sources(sources::SourceRegistry& registry) {
  registry.add(sources::postgresql::make_postgresql_descriptor());
}

}  // namespace connectors::service
