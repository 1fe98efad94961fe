#pragma once
// Scheduled syncs (Elastic's JobSchedulingService._try_schedule_sync), one job type of one
// connector at a time, after the connector passed its health check:
//
//   reload the connector
//   last_<type>_scheduled_at later than this scheduler's previous wake-up -> another
//       instance scheduled this occurrence: skip
//   scheduling.<type> disabled -> skip;  interval not a cron expression -> connector error
//   next = first occurrence after the previous wake-up;  not due yet -> skip
//   write last_<type>_scheduled_at = next, guarded by if_seq_no/if_primary_term (a conflict:
//       reload and decide again, 3 attempts) -> POST _connector/_sync_job (trigger_method:
//       scheduled)
//
// Two instances may both find an occurrence due; only one guarded write lands, and the other
// then sees the new last_<type>_scheduled_at. The seconds field of the cron expression is
// honoured (Elastic's service drops it). The wake-up is the start of a pass, so an occurrence
// that falls while a pass runs is scheduled by the next one (Elastic uses the end of the
// pass, which can skip it).

#include <optional>
#include <stop_token>
#include <string>

#include "connector/service_context.hpp"
#include "core/clock.hpp"
#include "protocol/connector_document.hpp"

namespace connectors::service {

class JobScheduler {
 public:
  explicit JobScheduler(ServiceContext& context);

  // Marks the start of a scheduling pass.
  void begin_pass();

  // Schedules the due occurrence of `type` for the connector, if any. Returns the next
  // occurrence after now (for the loop to wake up in time), nullopt when the schedule is
  // disabled, invalid or has no occurrence left.
  std::optional<core::WallTime> try_schedule(const std::string& connector_id, protocol::JobType type,
                                             std::stop_token stop);

 private:
  ServiceContext& context_;
  core::WallTime previous_wake_up_;
  core::WallTime this_wake_up_;
};

// The connector field that records the last scheduled occurrence of a job type.
const char* scheduled_at_field(protocol::JobType type);

}  // namespace connectors::service
