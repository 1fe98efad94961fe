#include "connector/error_text.hpp"

#include "core/error.hpp"

namespace connectors::service {

std::string job_error_text(const std::exception& e) { return core::protocol_error_text(e); }

std::string connector_error_text(const std::exception& e) {
  if (const auto* error = dynamic_cast<const core::Error*>(&e)) return error->describe();
  return e.what();
}

}  // namespace connectors::service
