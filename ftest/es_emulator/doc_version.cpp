#include "ftest/es_emulator/doc_version.hpp"

#include <cstring>
#include <new>

namespace connectors::emulator {

DocRef DocVersion::make(std::string_view id, std::string_view source, std::int64_t seq_no,
                        std::int64_t version) {
  void* memory = ::operator new(sizeof(DocVersion) + id.size() + source.size());
  auto* doc = new (memory) DocVersion(static_cast<std::uint32_t>(id.size()),
                                      static_cast<std::uint32_t>(source.size()), seq_no, version);
  if (!id.empty()) std::memcpy(doc->data(), id.data(), id.size());
  if (!source.empty()) std::memcpy(doc->data() + id.size(), source.data(), source.size());
  return DocRef(doc);
}

void DocVersion::release() const {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    this->~DocVersion();
    ::operator delete(const_cast<DocVersion*>(this));
  }
}

}  // namespace connectors::emulator
