#include "sources/postgresql/sync_cursor.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace connectors::sources::postgresql {
namespace {

namespace json = boost::json;

SyncCursor sample() {
  SyncCursor cursor;
  cursor.database = "xe";
  cursor.schema = "public";
  cursor.probe = CommitProbe{"1234", "2026-05-19T10:11:12.345678+00:00"};
  cursor.tables["customers"] = TableHorizon{"750:760:752,755", "2026-05-19T10:11:12.000001+00:00", "762"};
  cursor.tables["Odd \"name\""] = TableHorizon{"760:760:", "2026-05-19T10:11:13+00:00"};
  return cursor;
}

TEST(SyncCursor, RoundTripsThroughTheConnectorDocument) {
  const json::value stored = json::parse(json::serialize(sample().to_json()));
  EXPECT_EQ(stored.at("source"), "postgresql");
  EXPECT_EQ(stored.at("version"), 1);
  EXPECT_EQ(stored.at("tables").at("customers").at("snapshot"), "750:760:752,755");
  EXPECT_EQ(stored.at("tables").at("customers").at("next_xid"), "762");
  std::string problem;
  const auto read = SyncCursor::from_json(stored, problem);
  ASSERT_TRUE(read) << problem;
  EXPECT_EQ(read->database, "xe");
  EXPECT_EQ(read->schema, "public");
  ASSERT_TRUE(read->probe);
  EXPECT_EQ(read->probe->xid, "1234");
  EXPECT_EQ(read->probe->committed_at, "2026-05-19T10:11:12.345678+00:00");
  ASSERT_EQ(read->tables.size(), 2u);
  EXPECT_EQ(read->tables.at("Odd \"name\"").started_at, "2026-05-19T10:11:13+00:00");
  EXPECT_EQ(read->tables.at("customers").next_xid, "762");
}

TEST(SyncCursor, ACursorWithoutNextXidReadsAsNothingPendingAboveXmax) {
  json::value stored = sample().to_json();
  stored.as_object()["tables"].as_object()["customers"].as_object().erase("next_xid");
  std::string problem;
  const auto read = SyncCursor::from_json(stored, problem);
  ASSERT_TRUE(read) << problem;
  const PendingTransactions pending = pending_transactions(read->tables.at("customers"));
  EXPECT_EQ(pending.listed, (std::vector<std::uint32_t>{752, 755}));
  EXPECT_EQ(pending.unlisted_begin, 760u);
  EXPECT_EQ(pending.unlisted_end, 760u);
}

TEST(SyncCursor, NoProbeWhenCommitTimestampsWereOff) {
  SyncCursor cursor = sample();
  cursor.probe.reset();
  EXPECT_TRUE(cursor.to_json().at("commit_probe").is_null());
  std::string problem;
  const auto read = SyncCursor::from_json(cursor.to_json(), problem);
  ASSERT_TRUE(read);
  EXPECT_FALSE(read->probe);
}

TEST(SyncCursor, RejectsWhatItDidNotWrite) {
  std::string problem;
  EXPECT_FALSE(SyncCursor::from_json(nullptr, problem));
  EXPECT_EQ(problem, "there is no sync cursor");
  EXPECT_FALSE(SyncCursor::from_json(json::object{}, problem));
  EXPECT_EQ(problem, "there is no sync cursor");
  EXPECT_FALSE(SyncCursor::from_json(json::parse(R"({"cursor_timestamp": "2024-01-01"})"), problem));
  EXPECT_EQ(problem, "the sync cursor was not written by this version of the PostgreSQL connector");
  json::value other_version = sample().to_json();
  other_version.as_object()["version"] = 2;
  EXPECT_FALSE(SyncCursor::from_json(other_version, problem));
  json::value broken = sample().to_json();
  broken.as_object()["tables"].as_object()["customers"].as_object()["snapshot"] = "nonsense";
  EXPECT_FALSE(SyncCursor::from_json(broken, problem));
  EXPECT_NE(problem.find("customers"), std::string::npos) << problem;
  for (const json::value& next_xid : {json::value("759"), json::value(762), json::value("x")}) {
    json::value bad_next = sample().to_json();
    bad_next.as_object()["tables"].as_object()["customers"].as_object()["next_xid"] = next_xid;
    EXPECT_FALSE(SyncCursor::from_json(bad_next, problem)) << next_xid;
    EXPECT_NE(problem.find("the sync cursor's entry for table 'customers' is invalid"), std::string::npos) << problem;
  }
  json::value incomplete = sample().to_json();
  incomplete.as_object().erase("schema");
  EXPECT_FALSE(SyncCursor::from_json(incomplete, problem));
  EXPECT_EQ(problem, "the sync cursor is incomplete");
}

TEST(SyncCursor, PendingTransactionsAreTheListedOnesAsThe32BitIdsAndTheUnlistedRange) {
  const PendingTransactions pending = pending_transactions({"750:760:752,755", "", "762"});
  EXPECT_EQ(pending.listed, (std::vector<std::uint32_t>{752, 755}));
  EXPECT_EQ(pending.unlisted_begin, 760u);
  EXPECT_EQ(pending.unlisted_end, 762u);
  EXPECT_TRUE(pending_transactions({"760:760:", "", "760"}).listed.empty());
  // A full transaction id carries an epoch in its high 32 bits: commit timestamps take the low.
  const PendingTransactions epoch = pending_transactions({"4294967396:4294967400:4294967397", "", "4294967401"});
  EXPECT_EQ(epoch.listed, std::vector<std::uint32_t>{101});
  EXPECT_EQ(epoch.unlisted_begin, 4294967400u);  // the range stays full: SQL reduces it
  EXPECT_THROW(pending_transactions({"750", "", ""}), std::invalid_argument);
  EXPECT_THROW(pending_transactions({"750:x:", "", ""}), std::invalid_argument);
  EXPECT_THROW(pending_transactions({"750:760:1,,2", "", ""}), std::invalid_argument);
  EXPECT_THROW(pending_transactions({"750:760:", "", "759"}), std::invalid_argument);
  EXPECT_THROW(pending_transactions({"750:760:", "", "76x"}), std::invalid_argument);
  EXPECT_EQ(xid_array_literal({752, 755}), "{752,755}");
  EXPECT_EQ(xid_array_literal({}), "{}");
}

}  // namespace
}  // namespace connectors::sources::postgresql
