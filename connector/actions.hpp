#pragma once
// The two actions that answer and exit instead of running the service, printed as Elastic's
// service_cli.py prints them (to stdout; logs go to stderr):
//
//   --action list             --action config --service-type postgresql
//   Registered connectors:    Getting default configuration for service type postgresql
//   - PostgreSQL              {
//   Bye                         "host": {
//                                 "default_value": null,
//                               ...
//                             }
//                             Bye

#include <ostream>
#include <string_view>

#include "sources/source_registry.hpp"

namespace connectors::service {

// Every source this binary can run, in registration order.
void print_sources(const sources::SourceRegistry& registry, std::ostream& out);

// The source's default configuration (every field with its 13 properties) as
// json.dumps(indent=2) writes it. Throws UsageError, naming the known service types, when
// `service_type` is not registered (after the first line, as Elastic does).
void print_default_configuration(const sources::SourceRegistry& registry,
                                 std::string_view service_type, std::ostream& out);

}  // namespace connectors::service
