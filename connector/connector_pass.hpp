#pragma once
// One pass of the `schedule` service over the connectors this instance manages (Elastic's
// JobSchedulingService._schedule), up to service.max_concurrent_scheduling_tasks connectors
// at a time:
//
//   prepare    first-time configuration, upgrades, service_type, features (guarded write)
//   heartbeat  PUT _connector/{id}/_check_in when last_seen is older than service.heartbeat
//              (always on the first pass after start-up)
//   health     created / needs_configuration -> wait for the user; otherwise
//              configuration checks + ping + draft sync rules (validated, activated when
//              valid) -> status connected, or status error + message and nothing scheduled
//   schedule   access control (document-level security and a platinum license), incremental
//              (connector feature and source support), full: JobScheduler
//
// A failure on one connector is logged and does not stop the pass for the others.

#include <optional>
#include <stop_token>

#include "connector/job_scheduler.hpp"
#include "connector/service_context.hpp"
#include "core/clock.hpp"
#include "protocol/connector_document.hpp"

namespace connectors::service {

// The connector ids (and worker-mode service types) this instance manages, from config.yml.
std::vector<std::string> managed_connector_ids(const Config& config);
std::vector<std::string> managed_service_types(const Config& config);

class ConnectorPass {
 public:
  explicit ConnectorPass(ServiceContext& context) : context_(context), scheduler_(context) {}

  // Returns the earliest upcoming scheduled occurrence among the connectors (the loop wakes
  // up for it when it comes before the next pass), nullopt when none is scheduled.
  std::optional<core::WallTime> run(std::stop_token stop);

 private:
  std::optional<core::WallTime> process(const protocol::ConnectorDocument& connector, std::stop_token stop);
  std::optional<protocol::ConnectorDocument> prepare(protocol::ConnectorDocument connector,
                                                     std::stop_token stop);
  void heartbeat(const protocol::ConnectorDocument& connector, std::stop_token stop);
  bool check_health(const protocol::ConnectorDocument& connector, std::stop_token stop);
  void validate_draft_filtering(const protocol::ConnectorDocument& connector, sources::Source& source,
                                const sources::SourceDescriptor& descriptor, std::stop_token stop);
  std::optional<core::WallTime> schedule(const protocol::ConnectorDocument& connector, std::stop_token stop);

  ServiceContext& context_;
  JobScheduler scheduler_;
  bool first_pass_ = true;
};

}  // namespace connectors::service
