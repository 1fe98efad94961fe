#include "ftest/es_emulator/id_table.hpp"

namespace connectors::emulator {

void IdTable::grow() {
  std::vector<Bucket> old = std::move(buckets_);
  buckets_.assign(old.empty() ? 16 : old.size() * 2, Bucket{});
  for (const Bucket& b : old) {
    if (b.slot_plus_one != 0) place(b);
  }
}

}  // namespace connectors::emulator
