#pragma once
// Document id -> slot number, open addressing with linear probing and backward-shift
// deletion. The table stores no keys: the key of a slot is read back from the document the
// slot holds (`key_of(slot)`), so an id is stored once, inside its DocVersion.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace connectors::emulator {

class IdTable {
 public:
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  // The slot holding `id`, or kNone.
  template <class KeyOf>
  std::uint32_t find(std::string_view id, const KeyOf& key_of) const {
    if (buckets_.empty()) return kNone;
    const std::uint32_t hash = hash_of(id);
    const std::size_t mask = buckets_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Bucket& b = buckets_[i];
      if (b.slot_plus_one == 0) return kNone;
      if (b.hash == hash && key_of(b.slot_plus_one - 1) == id) return b.slot_plus_one - 1;
    }
  }

  // Adds `id` -> `slot`; `id` must not be present.
  void insert(std::string_view id, std::uint32_t slot) {
    if ((size_ + 1) * 2 > buckets_.size()) grow();
    place(Bucket{slot + 1, hash_of(id)});
    ++size_;
  }

  // Removes `id` if present.
  template <class KeyOf>
  void erase(std::string_view id, const KeyOf& key_of) {
    if (buckets_.empty()) return;
    const std::uint32_t hash = hash_of(id);
    const std::size_t mask = buckets_.size() - 1;
    std::size_t i = hash & mask;
    for (;; i = (i + 1) & mask) {
      const Bucket& b = buckets_[i];
      if (b.slot_plus_one == 0) return;
      if (b.hash == hash && key_of(b.slot_plus_one - 1) == id) break;
    }
    buckets_[i] = Bucket{};
    --size_;
    // Pull later entries of the probe run back into the hole.
    for (std::size_t j = (i + 1) & mask; buckets_[j].slot_plus_one != 0; j = (j + 1) & mask) {
      const std::size_t home = buckets_[j].hash & mask;
      if (((j - home) & mask) >= ((j - i) & mask)) {
        buckets_[i] = buckets_[j];
        buckets_[j] = Bucket{};
        i = j;
      }
    }
  }

  // Renumbers slots after a compaction: `new_slot[old]` (kNone entries must not be present).
  void renumber(const std::vector<std::uint32_t>& new_slot) {
    for (auto& b : buckets_) {
      if (b.slot_plus_one != 0) b.slot_plus_one = new_slot[b.slot_plus_one - 1] + 1;
    }
  }

  void clear() {
    buckets_.clear();
    size_ = 0;
  }
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return buckets_.capacity() * sizeof(Bucket); }

  static std::uint32_t hash_of(std::string_view id) {
    return static_cast<std::uint32_t>(std::hash<std::string_view>{}(id));
  }

 private:
  struct Bucket {
    std::uint32_t slot_plus_one = 0;  // 0: empty
    std::uint32_t hash = 0;
  };

  void place(Bucket bucket) {
    const std::size_t mask = buckets_.size() - 1;
    for (std::size_t i = bucket.hash & mask;; i = (i + 1) & mask) {
      if (buckets_[i].slot_plus_one == 0) {
        buckets_[i] = bucket;
        return;
      }
    }
  }

  void grow();

  std::vector<Bucket> buckets_;
  std::size_t size_ = 0;
};

}  // namespace connectors::emulator
