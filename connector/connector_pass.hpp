#pragma once
// One pass of the `schedule` service over the connectors this instance manages (Elastic's
// JobSchedulingService._schedule), connector by connector:
//
//   prepare    first-time configuration, upgrades, service_type, features (guarded write)
//   heartbeat  PUT _connector/{id}/_check_in when last_seen is older than service.heartbeat
//              (always on the first pass after start-up)
//   health     created / needs_configuration -> wait for the user; otherwise
//              configuration checks + ping -> status connected, or status error + message
//
// A failure on one connector is logged and does not stop the pass for the others.

#include <stop_token>

#include "connector/service_context.hpp"
#include "protocol/connector_document.hpp"

namespace connectors::service {

// The connector ids (and worker-mode service types) this instance manages, from config.yml.
std::vector<std::string> managed_connector_ids(const Config& config);
std::vector<std::string> managed_service_types(const Config& config);

class ConnectorPass {
 public:
  explicit ConnectorPass(ServiceContext& context) : context_(context) {}

  void run(std::stop_token stop);

 private:
  void process(const protocol::ConnectorDocument& connector, std::stop_token stop);
  std::optional<protocol::ConnectorDocument> prepare(protocol::ConnectorDocument connector,
                                                     std::stop_token stop);
  void heartbeat(const protocol::ConnectorDocument& connector, std::stop_token stop);
  void check_health(const protocol::ConnectorDocument& connector, std::stop_token stop);

  ServiceContext& context_;
  bool first_pass_ = true;
};

}  // namespace connectors::service
