#include "connector/actions.hpp"

#include <string>

#include "connector/command_line.hpp"
#include "connector/python_json.hpp"
#include "sources/configuration.hpp"

namespace connectors::service {

void print_sources(const sources::SourceRegistry& registry, std::ostream& out) {
  out << "Registered connectors:\n";
  for (const auto& descriptor : registry.all()) out << "- " << descriptor.name << '\n';
  out << "Bye\n";
}

void print_default_configuration(const sources::SourceRegistry& registry,
                                 std::string_view service_type, std::ostream& out) {
  out << "Getting default configuration for service type " << service_type << '\n';
  const sources::SourceDescriptor* descriptor = registry.find(service_type);
  if (descriptor == nullptr) {
    std::string known;
    for (const auto& d : registry.all()) known += (known.empty() ? "" : ", ") + d.service_type;
    out.flush();
    throw UsageError("Could not find a connector for service type " + std::string(service_type) +
                     " (this build has: " + (known.empty() ? "none" : known) + ")");
  }
  out << python_json_dumps(sources::to_configuration_json(descriptor->configuration), 2) << '\n';
  out << "Bye\n";
}

}  // namespace connectors::service
