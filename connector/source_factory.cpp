#include "connector/source_factory.hpp"

namespace connectors::service {

std::unique_ptr<sources::Source> create_source(const sources::SourceRegistry& registry,
                                               const std::string& service_type,
                                               const boost::json::object& stored_configuration) {
  const sources::SourceDescriptor* descriptor = registry.find(service_type);
  if (!descriptor) throw UnknownServiceType(service_type);
  const sources::DataSourceConfiguration configuration(stored_configuration, descriptor->configuration);
  configuration.check_fields_present();
  configuration.check_valid();
  std::unique_ptr<sources::Source> source = descriptor->create(configuration);
  source->validate_config();
  return source;
}

}  // namespace connectors::service
