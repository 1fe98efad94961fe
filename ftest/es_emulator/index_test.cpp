#include "ftest/es_emulator/index.hpp"

#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"

namespace connectors::emulator {
namespace {

using namespace std::chrono;

class IndexTest : public ::testing::Test {
 protected:
  IndexTest() : index_("test", "uuid", clock_.now(), {}, {}) {}

  WriteOutcome put(const std::string& id, const std::string& source) {
    return index_.write(
        id, [&](const DocVersion*) { return WriteDecision::put(source); }, clock_.steady_now());
  }
  WriteOutcome remove(const std::string& id) {
    return index_.write(
        id, [](const DocVersion*) { return WriteDecision::remove(); }, clock_.steady_now());
  }
  std::vector<std::string> visible_ids() {
    std::vector<std::string> ids;
    index_.for_each_visible([&](const DocRef& doc) {
      ids.emplace_back(doc->id());
      return true;
    });
    return ids;
  }

  core::testing::ManualClock clock_;
  Index index_;
};

TEST_F(IndexTest, RealTimeGetButSearchOnlyAfterRefresh) {
  const auto outcome = put("1", R"({"a":1})");
  EXPECT_EQ(outcome.result, WriteResult::Created);
  EXPECT_EQ(outcome.seq_no, 0);
  EXPECT_EQ(outcome.version, 1);
  ASSERT_TRUE(index_.get("1"));
  EXPECT_EQ(index_.get("1")->source(), R"({"a":1})");
  EXPECT_FALSE(index_.get("1", false));
  EXPECT_TRUE(visible_ids().empty());
  index_.refresh();
  EXPECT_EQ(visible_ids(), std::vector<std::string>{"1"});
}

TEST_F(IndexTest, UpdatesAndDeletesBecomeVisibleOnlyAtRefresh) {
  put("1", R"({"v":1})");
  index_.refresh();
  const auto update = put("1", R"({"v":2})");
  EXPECT_EQ(update.result, WriteResult::Updated);
  EXPECT_EQ(update.version, 2);
  EXPECT_EQ(update.seq_no, 1);
  EXPECT_EQ(index_.get("1", false)->source(), R"({"v":1})");
  EXPECT_EQ(index_.get("1")->source(), R"({"v":2})");

  const auto removed = remove("1");
  EXPECT_EQ(removed.result, WriteResult::Deleted);
  EXPECT_EQ(removed.version, 3);
  EXPECT_FALSE(index_.get("1"));
  EXPECT_EQ(visible_ids(), std::vector<std::string>{"1"});  // still searchable
  index_.refresh();
  EXPECT_TRUE(visible_ids().empty());
  EXPECT_FALSE(index_.get("1", false));
  EXPECT_EQ(index_.live_count(), 0u);
  EXPECT_EQ(index_.visible_count(), 0u);
}

TEST_F(IndexTest, DeleteOfMissingConsumesSeqNo) {
  const auto outcome = remove("nope");
  EXPECT_EQ(outcome.result, WriteResult::NotFound);
  EXPECT_EQ(outcome.seq_no, 0);
  EXPECT_EQ(put("x", "{}").seq_no, 1);
}

TEST_F(IndexTest, RecreateAfterDeleteContinuesVersion) {
  put("1", "{}");
  index_.refresh();
  remove("1");
  const auto again = put("1", "{}");
  EXPECT_EQ(again.result, WriteResult::Created);
  EXPECT_EQ(again.version, 3);
}

TEST_F(IndexTest, NoopKeepsEverything) {
  put("1", "{}");
  const auto noop = index_.write(
      "1", [](const DocVersion*) { return WriteDecision::noop(); }, clock_.steady_now());
  EXPECT_EQ(noop.result, WriteResult::Noop);
  EXPECT_EQ(noop.seq_no, 0);
  EXPECT_EQ(noop.version, 1);
  EXPECT_EQ(put("2", "{}").seq_no, 1);
}

TEST_F(IndexTest, PeriodicRefreshAfterTheInterval) {
  put("1", "{}");
  EXPECT_FALSE(index_.maybe_refresh(clock_.steady_now()));
  clock_.advance(milliseconds{999});
  EXPECT_FALSE(index_.maybe_refresh(clock_.steady_now()));
  clock_.advance(milliseconds{1});
  EXPECT_TRUE(index_.maybe_refresh(clock_.steady_now()));
  EXPECT_EQ(visible_ids().size(), 1u);
  EXPECT_FALSE(index_.has_pending());
}

TEST_F(IndexTest, RefreshIntervalMinusOneDisablesPeriodicRefresh) {
  Index manual("manual", "u", clock_.now(), boost::json::object{{"index.refresh_interval", "-1"}},
               {});
  manual.write(
      "1", [](const DocVersion*) { return WriteDecision::put("{}"); }, clock_.steady_now());
  clock_.advance(seconds{10});
  EXPECT_FALSE(manual.maybe_refresh(clock_.steady_now()));
  EXPECT_TRUE(manual.has_pending());
}

TEST_F(IndexTest, ManyDocumentsChurnAndCompaction) {
  for (int i = 0; i < 5000; ++i)
    put("id-" + std::to_string(i), R"({"n":)" + std::to_string(i) + "}");
  index_.refresh();
  for (int i = 0; i < 5000; i += 2) remove("id-" + std::to_string(i));
  index_.refresh();  // frees 2500 slots and compacts
  EXPECT_EQ(index_.live_count(), 2500u);
  EXPECT_EQ(visible_ids().size(), 2500u);
  for (int i = 0; i < 5000; ++i) {
    const bool present = static_cast<bool>(index_.get("id-" + std::to_string(i)));
    EXPECT_EQ(present, i % 2 == 1) << i;
  }
  // Index order survives compaction.
  const auto ids = visible_ids();
  EXPECT_EQ(ids.front(), "id-1");
  EXPECT_EQ(ids.back(), "id-4999");
  EXPECT_EQ(put("id-2", "{}").result, WriteResult::Created);
}

TEST_F(IndexTest, StorageStaysCloseToSourceSize) {
  std::size_t source_bytes = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string source =
        R"({"id":"xe_public_customers_0_)" + std::to_string(i) +
        R"(","name":"customer name","age":42,"description":"some description text here"})";
    source_bytes += source.size();
    put("xe_public_customers_0_" + std::to_string(i), source);
  }
  index_.refresh();
  EXPECT_LE(index_.memory_bytes(), 2 * source_bytes);
}

}  // namespace
}  // namespace connectors::emulator
