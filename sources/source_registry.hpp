#pragma once
// service_type -> SourceDescriptor. Filled explicitly at start-up (no static registration),
// so what a binary can sync is visible in one function: connector's register_sources().

#include <string_view>
#include <vector>

#include "sources/source.hpp"

namespace connectors::sources {

class SourceRegistry {
 public:
  // Throws std::invalid_argument when the service type is already registered.
  void add(SourceDescriptor descriptor);
  // nullptr when unknown.
  const SourceDescriptor* find(std::string_view service_type) const;
  // In registration order.
  const std::vector<SourceDescriptor>& all() const { return descriptors_; }

 private:
  std::vector<SourceDescriptor> descriptors_;
};

}  // namespace connectors::sources
