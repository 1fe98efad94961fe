#include "connector/id_fingerprints.hpp"

#include <algorithm>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace connectors::service {
namespace {

constexpr std::uint64_t kSeenBit = std::uint64_t{1} << 63;

bool less(const auto& a, const auto& b) {
  const std::uint64_t ah = a.high & ~kSeenBit;
  const std::uint64_t bh = b.high & ~kSeenBit;
  return ah != bh ? ah < bh : a.low < b.low;
}

}  // namespace

IdFingerprints::Entry IdFingerprints::fingerprint(std::string_view id) {
  const XXH128_hash_t h = XXH3_128bits(id.data(), id.size());
  return Entry{h.high64 & ~kSeenBit, h.low64};
}

void IdFingerprints::add(std::string_view id) { entries_.push_back(fingerprint(id)); }

void IdFingerprints::seal() {
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return less(a, b); });
  // A scroll may return an id twice if the index changed under it; keep one.
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const Entry& a, const Entry& b) { return !less(a, b) && !less(b, a); }),
                 entries_.end());
}

const IdFingerprints::Entry* IdFingerprints::find(const Entry& key) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& a, const Entry& b) { return less(a, b); });
  if (it == entries_.end() || less(key, *it)) return nullptr;
  return &*it;
}

bool IdFingerprints::mark_seen(std::string_view id) {
  const Entry* e = find(fingerprint(id));
  if (!e) return false;
  const_cast<Entry*>(e)->high |= kSeenBit;
  return true;
}

bool IdFingerprints::is_stale(std::string_view id) const {
  const Entry* e = find(fingerprint(id));
  return e && (e->high & kSeenBit) == 0;
}

}  // namespace connectors::service
