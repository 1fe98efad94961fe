#pragma once
// Auto-generated ids in Elasticsearch's shape: 20 characters of base64url (15 bytes: time,
// a sequence number and random bytes), and 22-character index/cluster UUIDs. Thread-safe.

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

#include "core/clock.hpp"

namespace connectors::emulator {

class IdGenerator {
 public:
  explicit IdGenerator(const core::Clock& clock, std::uint64_t seed = std::random_device{}());

  // A document id like "VUwW35ABc6-T8w0U1X9j".
  std::string document_id();
  // An index or cluster UUID like "x9E3aK5qTL-9QfWnVb0Nmg".
  std::string uuid();

 private:
  const core::Clock& clock_;
  std::mutex mutex_;
  std::mt19937_64 random_;
  std::uint32_t sequence_;
};

std::string base64url(const unsigned char* data, std::size_t size);

}  // namespace connectors::emulator
