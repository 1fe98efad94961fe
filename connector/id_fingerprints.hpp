#pragma once
// The ids already in the target index, kept in 16 bytes each, to find the documents a
// full sync did not see (their rows are gone) without holding the ids themselves.
//
//   scan 1 (before the sync):  every _id in the index  --add()-->  fingerprints
//   during the sync:           every document sent     --mark_seen()
//   scan 2 (after the sync):   every _id in the index  --is_stale()?--> delete
//
// A fingerprint is the 128-bit XXH3 hash of the id with its top bit reused as the "seen"
// flag, so the set costs exactly 16 bytes per existing document (Elastic's Python service
// keeps a dict of id strings: ~170 bytes each). A false match needs a 127-bit collision.
// Documents created during the sync are not in the set and are never deleted.

#include <cstdint>
#include <string_view>
#include <vector>

namespace connectors::service {

class IdFingerprints {
 public:
  void reserve(std::size_t count) { entries_.reserve(count); }
  void add(std::string_view id);
  // Sorts the set; call once after the last add() and before the lookups.
  void seal();

  // Marks `id` as seen in this sync; false when it was not in the index before.
  bool mark_seen(std::string_view id);
  // True when `id` was in the index before the sync and the sync did not see it.
  bool is_stale(std::string_view id) const;

  std::size_t size() const { return entries_.size(); }
  std::size_t memory_bytes() const { return entries_.capacity() * sizeof(Entry); }

 private:
  struct Entry {
    std::uint64_t high;  // top bit: seen
    std::uint64_t low;
  };
  static Entry fingerprint(std::string_view id);
  const Entry* find(const Entry& key) const;

  std::vector<Entry> entries_;
};

}  // namespace connectors::service
