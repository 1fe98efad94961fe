#pragma once
// What a connector document needs so that its source can use it, as a partial document
// (Elastic's Connector.prepare). Pure: decides, does not write.
//
//   configuration {}             -> the source's whole default configuration,
//                                   status needs_configuration (first-time setup)
//   fields missing (upgrade)     -> those fields added with their defaults
//   field properties missing     -> added with their defaults, values kept
//   service_type null            -> the service type from config.yml (connectors listed there)
//   features differ              -> the source's features (connectors listed in config.yml);
//                                   native connectors only get the feature keys they lack

#include <boost/json/object.hpp>

#include "protocol/connector_document.hpp"
#include "sources/source.hpp"

namespace connectors::service {

// The connector document's `features` for a source (key order as Elastic writes it).
boost::json::object features_json(const sources::SourceFeatures& features);

// The partial document to write, empty when the connector is up to date. `service_type` is
// the one config.yml gives for this connector; `listed` says whether config.yml lists it (a
// connector found by service type in worker mode is not).
boost::json::object preparation_patch(const protocol::ConnectorDocument& connector,
                                      const sources::SourceDescriptor& source,
                                      const std::string& service_type, bool listed = true);

}  // namespace connectors::service
