#include "sources/source_registry.hpp"

#include <stdexcept>
#include <string>

namespace connectors::sources {

void SourceRegistry::add(SourceDescriptor descriptor) {
  if (find(descriptor.service_type)) {
    throw std::invalid_argument("source already registered: " + descriptor.service_type);
  }
  descriptors_.push_back(std::move(descriptor));
}

const SourceDescriptor* SourceRegistry::find(std::string_view service_type) const {
  for (const auto& d : descriptors_) {
    if (d.service_type == service_type) return &d;
  }
  return nullptr;
}

}  // namespace connectors::sources
