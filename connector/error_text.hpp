#pragma once
// The one place where exceptions become the protocol's error text.
//
// Elastic's service writes two shapes, and users (and Kibana) see both:
//   a job's `error`, and its connector's `last_sync_error`:  "<Kind>: <message>"
//   a connector's `error` after a failed health check:       "<message>"

#include <exception>
#include <string>

namespace connectors::service {

std::string job_error_text(const std::exception& e);
std::string connector_error_text(const std::exception& e);

// The message Elastic writes when the idle-job cleanup gives up on a job.
inline constexpr char kIdleJobMessage[] = "The job has not seen any update for some time.";

}  // namespace connectors::service
