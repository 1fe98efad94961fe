#pragma once
// A ready-to-use Source from a stored configuration: the checks Elastic runs before every
// health pass and every sync, in its order.
//
//   registry.find(service_type) -> DataSourceConfiguration(stored, schema)
//     -> check_fields_present -> create -> check_valid -> Source::validate_config

#include <memory>
#include <string>

#include <boost/json/object.hpp>

#include "core/error.hpp"
#include "sources/source_registry.hpp"

namespace connectors::service {

class UnknownServiceType : public core::Error {
 public:
  explicit UnknownServiceType(const std::string& service_type)
      : core::Error("DataSourceError", "Couldn't find data source class for " + service_type) {}
};

std::unique_ptr<sources::Source> create_source(const sources::SourceRegistry& registry,
                                               const std::string& service_type,
                                               const boost::json::object& stored_configuration);

}  // namespace connectors::service
