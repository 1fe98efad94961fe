#include "ftest/harness/peak_memory.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>

namespace connectors::ftest {
namespace {

constexpr long kBlockKib = 64 * 1024;

void touch_and_free_a_block() {
  const auto block = std::make_unique<char[]>(kBlockKib * 1024);
  std::memset(block.get(), 1, kBlockKib * 1024);
  // Keeps the writes: the block must really be resident.
  asm volatile("" : : "r"(block.get()) : "memory");
}

TEST(PeakMemory, RisesWithTouchedMemoryAndFallsBackAfterAReset) {
  reset_peak_rss();
  const long before = peak_rss_kib();
  ASSERT_GT(before, 0);
  touch_and_free_a_block();
  const long peak = peak_rss_kib();
  EXPECT_GE(peak - before, kBlockKib * 9 / 10);
  reset_peak_rss();  // the block is freed (returned to the system: it is large)
  EXPECT_LT(peak_rss_kib(), peak - kBlockKib / 2);
}

}  // namespace
}  // namespace connectors::ftest
