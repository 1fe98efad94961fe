#pragma once
// The whole of elastic-ingest but the list of sources: main() passes the function that
// registers them. Test builds reuse it with test sources added, so the shipped main.cpp
// stays free of test code.
//
//   argv --parse_command_line--> --help / --version (exit 0) | usage error (exit 2)
//        --> logging at the command line's level --> load config.yml (error: exit 1)
//        --> logging at the final level --> --action list | config (exit 0; unknown type: 2)
//        --> run_service() until SIGINT/SIGTERM (its exit code)

#include <functional>

#include "sources/source_registry.hpp"

namespace connectors::service {

int elastic_ingest_main(int argc, char** argv,
                        const std::function<void(sources::SourceRegistry&)>& register_sources);

}  // namespace connectors::service
