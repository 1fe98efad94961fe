// elastic-ingest with the test sources added ("fake", "fake_dls"): the real service, run as
// a process by the tests of restarts, kills and several instances. Not installed, not shipped.

#include <exception>

#include <spdlog/spdlog.h>

#include "connector/ingest_main.hpp"
#include "connector/register_sources.hpp"
#include "sources/testing/fake_source.hpp"

int main(int argc, char** argv) {
  try {
    return connectors::service::elastic_ingest_main(argc, argv, [](connectors::sources::SourceRegistry& registry) {
      connectors::service::register_sources(registry);
      registry.add(connectors::sources::testing::make_fake_descriptor());
      registry.add(connectors::sources::testing::make_fake_dls_descriptor());
    });
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
