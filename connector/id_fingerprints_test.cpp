#include "connector/id_fingerprints.hpp"

#include <gtest/gtest.h>

#include <string>

namespace connectors::service {
namespace {

TEST(IdFingerprints, UnseenExistingIdsAreStale) {
  IdFingerprints f;
  f.add("xe_public_t_1");
  f.add("xe_public_t_2");
  f.add("xe_public_t_3");
  f.seal();
  EXPECT_TRUE(f.mark_seen("xe_public_t_1"));
  EXPECT_TRUE(f.mark_seen("xe_public_t_3"));
  EXPECT_FALSE(f.is_stale("xe_public_t_1"));
  EXPECT_TRUE(f.is_stale("xe_public_t_2"));
  EXPECT_FALSE(f.is_stale("xe_public_t_3"));
}

TEST(IdFingerprints, IdsThatWereNotThereBeforeAreNeverStale) {
  IdFingerprints f;
  f.add("old");
  f.seal();
  EXPECT_FALSE(f.mark_seen("new"));
  EXPECT_FALSE(f.is_stale("new"));
  EXPECT_TRUE(f.is_stale("old"));
}

TEST(IdFingerprints, DuplicatesFromTheScanCollapse) {
  IdFingerprints f;
  f.add("a");
  f.add("a");
  f.add("b");
  f.seal();
  EXPECT_EQ(f.size(), 2u);
  f.mark_seen("a");
  EXPECT_FALSE(f.is_stale("a"));
}

TEST(IdFingerprints, CostsSixteenBytesPerExistingDocument) {
  IdFingerprints f;
  constexpr std::size_t n = 100'000;
  f.reserve(n);
  for (std::size_t i = 0; i < n; ++i) f.add("xe_public_customers_" + std::to_string(i));
  f.seal();
  EXPECT_EQ(f.size(), n);
  EXPECT_EQ(f.memory_bytes(), n * 16);
  for (std::size_t i = 0; i < n; i += 2) ASSERT_TRUE(f.mark_seen("xe_public_customers_" + std::to_string(i)));
  std::size_t stale = 0;
  for (std::size_t i = 0; i < n; ++i) stale += f.is_stale("xe_public_customers_" + std::to_string(i));
  EXPECT_EQ(stale, n / 2);
}

}  // namespace
}  // namespace connectors::service
