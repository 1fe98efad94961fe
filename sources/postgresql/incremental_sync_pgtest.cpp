// Incremental syncs against a real server: the cursor a sync leaves, the rows the next
// incremental sync reads (changed ones, and not one changed row missed, also when a commit's
// timestamp is older than the snapshot that could not see it), and the errors that say what
// to do when an incremental sync is not possible.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "ftest/harness/held_commit.hpp"
#include "ftest/harness/postgres_test_environment.hpp"
#include "sources/postgresql/sync_cursor.hpp"
#include "sources/postgresql/testing/source_harness.hpp"

namespace connectors::sources::postgresql {
namespace {

using namespace testing;
using namespace std::chrono_literals;
namespace json = boost::json;

// Commits can be held between taking their timestamp and becoming visible (HeldCommit).
// No autovacuum: its ANALYZE takes transaction ids, and one test needs none taken but its own.
ftest::PostgresOptions server_options() {
  ftest::PostgresOptions options;
  options.settings = ftest::held_commit_settings();
  options.settings.emplace_back("autovacuum", "off");
  return options;
}

const auto* const kPostgres = ::testing::AddGlobalTestEnvironment(new ftest::PostgresTestEnvironment(server_options()));

ftest::PostgresServer& server() { return ftest::PostgresTestEnvironment::server(); }

// Exact sets: no overlap window, so that every row read is one the cursor says changed.
const SourceOptions kExact{.commit_timestamp_overlap = 0s};

SyncRequest incremental(const json::value& cursor) {
  SyncRequest request;
  request.kind = SyncKind::kIncremental;
  request.sync_cursor = cursor;
  return request;
}

std::set<std::string> id_set(const CollectingSink& sink) {
  const auto ids = sink.ids();
  return {ids.begin(), ids.end()};
}

TEST(IncrementalSyncPg, AFullSyncRecordsACursorAndTheNextReadsOnlyChangedRows) {
  server().exec(R"sql(
    CREATE TABLE items (id int PRIMARY KEY, v text);
    INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 100) g;
    CREATE TABLE no_key (v int); INSERT INTO no_key VALUES (1);
    CREATE TABLE later_filled (id int PRIMARY KEY);
    CREATE ROLE reader LOGIN PASSWORD 'reader-pw'; GRANT pg_read_all_data TO reader;
  )sql");
  // As a role that can only read, as the connector should run.
  const SourceOptions reader{.user = "reader", .password = "reader-pw", .commit_timestamp_overlap = 0s};
  json::value cursor;
  const auto full = sync(server(), reader, {}, nullptr, &cursor);
  EXPECT_EQ(full.documents.size(), 100u);
  std::string problem;
  const auto recorded = SyncCursor::from_json(cursor, problem);
  ASSERT_TRUE(recorded) << problem << json::serialize(cursor);
  EXPECT_EQ(recorded->database, "xe");
  EXPECT_EQ(recorded->schema, "public");
  ASSERT_TRUE(recorded->probe);
  EXPECT_TRUE(recorded->tables.contains("items"));
  EXPECT_TRUE(recorded->tables.contains("later_filled"));  // empty: its rows will all be new
  EXPECT_FALSE(recorded->tables.contains("no_key"));       // not read: read in full later

  server().exec("UPDATE items SET v = 'changed' WHERE id = 5");
  server().exec("INSERT INTO items VALUES (101, 'new'); DELETE FROM items WHERE id = 7");
  server().exec("INSERT INTO later_filled VALUES (1), (2)");
  server().exec("CREATE TABLE created_later (id int PRIMARY KEY); INSERT INTO created_later VALUES (1)");
  LogCapture logs;
  json::value next;
  const auto changed = sync(server(), reader, incremental(cursor), nullptr, &next);
  EXPECT_TRUE(changed.skips.empty());
  EXPECT_EQ(id_set(changed), (std::set<std::string>{"xe_public_items_5", "xe_public_items_101",
                                                    "xe_public_later_filled_1", "xe_public_later_filled_2",
                                                    "xe_public_created_later_1"}));
  EXPECT_EQ(changed.by_id().at("xe_public_items_5").at("public_items_v"), "changed");
  EXPECT_EQ(logs.count("Table 'created_later' was not read by the last sync: reading all its rows"), 1);
  EXPECT_EQ(logs.count("Reading the rows of table 'items' committed since "), 1) << logs.text();

  // The next incremental sync starts from the last one: nothing changed, nothing read.
  const auto quiet = sync(server(), kExact, incremental(next), nullptr, &cursor);
  EXPECT_TRUE(quiet.documents.empty()) << quiet.documents.front().id;
  server().exec("UPDATE items SET v = 'again' WHERE id = 1");
  EXPECT_EQ(id_set(sync(server(), kExact, incremental(cursor))), std::set<std::string>{"xe_public_items_1"});

  // With the default overlap, commits shortly before the last snapshot come again too (the
  // table was loaded seconds ago): a superset, never fewer.
  // items (100 rows now), later_filled (2), created_later (1).
  const auto overlapping = sync(server(), {}, incremental(next));
  EXPECT_EQ(overlapping.documents.size(), 103u);
}

// Table `name` (id, v) with rows 1 and 2, synced in full: the cursor that sync leaves.
json::value two_rows_synced_in_full(const std::string& name) {
  server().exec("CREATE TABLE " + name + " (id int PRIMARY KEY, v text); INSERT INTO " + name +
                " VALUES (1, 'old'), (2, 'old');");
  json::value cursor;
  sync(server(), kExact, {}, nullptr, &cursor);
  return cursor;
}

TEST(IncrementalSyncPg, ACommitWhoseTimestampPrecedesTheSnapshotIsNotMissed) {
  const json::value cursor = two_rows_synced_in_full("held");

  // Transaction A takes its commit timestamp, then waits for the standby: not visible yet.
  ftest::HeldCommit held(server(), "UPDATE held SET v = 'A' WHERE id = 1");
  // Transaction B commits later and is visible at once.
  server().exec("UPDATE held SET v = 'B' WHERE id = 2");

  json::value after_first;
  const auto first = sync(server(), kExact, incremental(cursor), nullptr, &after_first);
  EXPECT_EQ(id_set(first), std::set<std::string>{"xe_public_held_2"});  // A is not visible
  std::string problem;
  const auto recorded = SyncCursor::from_json(after_first, problem);
  ASSERT_TRUE(recorded) << problem;
  // B completed after A took its id: the snapshot lists A as in progress.
  const std::vector<std::uint32_t> listed = pending_transactions(recorded->tables.at("held")).listed;
  EXPECT_EQ(std::count(listed.begin(), listed.end(), held.xid()), 1) << recorded->tables.at("held").snapshot;

  // The wait ends (as when the standby answers): A becomes visible, with its earlier commit
  // timestamp.
  held.release();
  const std::string a_committed =
      server().query_value("SELECT pg_xact_commit_timestamp(xmin) < '" + recorded->tables.at("held").started_at +
                           "'::timestamptz FROM held WHERE id = 1")
          .value();
  // What makes the case: a bound taken from the last snapshot's time alone would skip A.
  EXPECT_EQ(a_committed, "t");

  // A's row, and B's again: everything committed since A's commit time (harmless upserts).
  const auto second = sync(server(), kExact, incremental(after_first));
  ASSERT_EQ(id_set(second), (std::set<std::string>{"xe_public_held_1", "xe_public_held_2"}));
  EXPECT_EQ(second.by_id().at("xe_public_held_1").at("public_held_v"), "A");
}

// The same, when no transaction completes after A takes its id: the snapshot's xmax (one past
// the newest completed transaction) is then at or below A's id, so the snapshot does not list
// A, though A started before it. Only the next transaction id, read after the snapshot, says
// that A was pending.
TEST(IncrementalSyncPg, AHeldCommitThatTheSnapshotDoesNotListIsNotMissed) {
  const json::value cursor = two_rows_synced_in_full("unlisted");

  ftest::HeldCommit held(server(), "UPDATE unlisted SET v = 'A' WHERE id = 1");
  const std::uint64_t a_xid = held.xid();

  json::value after_first;
  const auto first = sync(server(), kExact, incremental(cursor), nullptr, &after_first);
  EXPECT_TRUE(first.documents.empty()) << first.documents.front().id;  // A is not visible
  std::string problem;
  const auto recorded = SyncCursor::from_json(after_first, problem);
  ASSERT_TRUE(recorded) << problem;
  // What makes the case: A is not listed in the snapshot, but in the range up to next_xid.
  const PendingTransactions pending = pending_transactions(recorded->tables.at("unlisted"));
  EXPECT_EQ(std::count(pending.listed.begin(), pending.listed.end(), a_xid), 0) << recorded->tables.at("unlisted").snapshot;
  EXPECT_LE(pending.unlisted_begin % (1ULL << 32), a_xid);
  EXPECT_GT(pending.unlisted_end - pending.unlisted_begin, a_xid - pending.unlisted_begin % (1ULL << 32))
      << json::serialize(after_first);

  held.release();
  EXPECT_EQ(server().query_value("SELECT pg_xact_commit_timestamp(xmin) < '" +
                                 recorded->tables.at("unlisted").started_at + "'::timestamptz FROM unlisted WHERE id = 1"),
            "t");

  const auto second = sync(server(), kExact, incremental(after_first));
  ASSERT_EQ(id_set(second), std::set<std::string>{"xe_public_unlisted_1"});
  EXPECT_EQ(second.by_id().at("xe_public_unlisted_1").at("public_unlisted_v"), "A");
}

TEST(IncrementalSyncPg, WithoutAValidCursorOrHistoryTheJobSaysToRunAFullSync) {
  server().exec("CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.t (id int PRIMARY KEY); INSERT INTO elsewhere.t VALUES (1);");
  json::value cursor;
  sync(server(), {.schema = "elsewhere"}, {}, nullptr, &cursor);
  auto expect_error = [&](const SourceOptions& options, const json::value& stored, const std::string& kind,
                          const std::string& fragment) {
    try {
      sync(server(), options, incremental(stored));
      ADD_FAILURE() << "no error for " << json::serialize(stored);
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), kind);
      EXPECT_NE(e.message().find(fragment), std::string::npos) << e.message();
    }
  };
  expect_error({.schema = "elsewhere"}, nullptr, "SyncCursorEmpty", "there is no sync cursor. Run a full sync first");
  expect_error({.schema = "public"}, cursor, "SyncCursorEmpty",
               "the sync cursor was recorded for database 'xe', schema 'elsewhere', and the connector now reads "
               "database 'xe', schema 'public'. Run a full sync.");
  json::value tampered = cursor;
  tampered.as_object()["commit_probe"].as_object()["committed_at"] = "2001-01-01T00:00:00+00:00";
  expect_error({.schema = "elsewhere"}, tampered, "SyncCursorEmpty", "commit timestamps do not reach back");
  json::value no_probe = cursor;
  no_probe.as_object()["commit_probe"] = nullptr;
  expect_error({.schema = "elsewhere"}, no_probe, "SyncCursorEmpty", "Run a full sync.");
  // The untouched cursor works.
  EXPECT_TRUE(sync(server(), {.schema = "elsewhere"}, incremental(cursor)).skips.empty());
}

TEST(IncrementalSyncPg, WithoutCommitTimestampsIncrementalSyncsAreRefused) {
  ftest::PostgresOptions options;
  options.track_commit_timestamp = false;
  auto pg = ftest::PostgresServer::start(options);
  pg.exec("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);");
  json::value cursor;
  const auto full = sync(pg, {}, {}, nullptr, &cursor);
  EXPECT_EQ(full.documents.size(), 1u);
  EXPECT_TRUE(cursor.at("commit_probe").is_null());
  try {
    sync(pg, {}, incremental(cursor));
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "IncrementalSyncNotAvailable");
    EXPECT_NE(e.message().find("Incremental syncs need track_commit_timestamp = on"), std::string::npos)
        << e.message();
  }
}

TEST(IncrementalSyncPg, AdvancedRulesRunInFullAndTheTablesCursorStaysUsable) {
  server().exec(R"sql(
    CREATE TABLE ruled (id int PRIMARY KEY, v text);
    INSERT INTO ruled SELECT g, 'r' || g FROM generate_series(1, 5) g;
  )sql");
  SyncRequest rules;
  rules.advanced_rules = json::parse(R"([{"tables": ["ruled"], "query": "SELECT * FROM ruled WHERE id <= 3"}])");
  json::value cursor;
  EXPECT_EQ(sync(server(), kExact, rules, nullptr, &cursor).documents.size(), 3u);
  EXPECT_TRUE(cursor.at("tables").as_object().empty());
  LogCapture logs;
  rules.kind = SyncKind::kIncremental;
  rules.sync_cursor = cursor;
  json::value next;
  // Nothing changed, and still every row of every rule: which rows of a query changed cannot
  // be known, so none can be missed.
  EXPECT_EQ(id_set(sync(server(), kExact, rules, nullptr, &next)),
            (std::set<std::string>{"xe_public_ruled_1", "xe_public_ruled_2", "xe_public_ruled_3"}));
  EXPECT_EQ(logs.count("every rule's query runs in full"), 1);
  // Rules removed later: the cursor has no table entries, so every table is read in full.
  const auto without_rules = sync(server(), {.tables = "ruled", .commit_timestamp_overlap = 0s}, incremental(next));
  EXPECT_EQ(without_rules.documents.size(), 5u);
}

}  // namespace
}  // namespace connectors::sources::postgresql
