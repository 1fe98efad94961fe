#include "sources/postgresql/postgres_source.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"
#include "core/time_format.hpp"
#include "ftest/fixtures/postgresql_fixture.hpp"
#include "ftest/harness/peak_memory.hpp"
#include "ftest/harness/postgres_test_environment.hpp"
#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/source_harness.hpp"

namespace connectors::sources::postgresql {
namespace {

using namespace std::chrono_literals;
using namespace testing;
namespace json = boost::json;

const auto* const kPostgres = ::testing::AddGlobalTestEnvironment(new ftest::PostgresTestEnvironment);

ftest::PostgresServer& server() { return ftest::PostgresTestEnvironment::server(); }

std::vector<Document> sync(const ftest::PostgresServer& pg, const SourceOptions& options,
                           std::shared_ptr<core::Clock> clock = nullptr) {
  return documents(pg, options, std::move(clock));
}

std::string commit_timestamp(const std::string& relation) { return testing::commit_timestamp(server(), relation); }

TEST(PostgresSourcePg, AllTablesOrTheConfiguredList) {
  server().exec(R"sql(
    CREATE SCHEMA listing;
    CREATE TABLE listing.t1 (id int PRIMARY KEY); INSERT INTO listing.t1 VALUES (1), (2);
    CREATE TABLE listing.t2 (id int PRIMARY KEY); INSERT INTO listing.t2 VALUES (3);
    CREATE TABLE listing.no_key (id int); INSERT INTO listing.no_key VALUES (4);
    CREATE TABLE listing.empty (id int PRIMARY KEY);
    CREATE VIEW listing.v AS SELECT * FROM listing.t1;
    CREATE TABLE listing.parted (id int, region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
    CREATE TABLE listing.parted_eu PARTITION OF listing.parted FOR VALUES IN ('eu');
    CREATE TABLE listing.parted_us PARTITION OF listing.parted FOR VALUES IN ('us');
    INSERT INTO listing.parted VALUES (1, 'eu'), (2, 'us'), (3, 'us');
  )sql");
  {
    LogCapture logs;
    const auto documents = sync(server(), {.tables = "*", .schema = "listing"});
    std::vector<std::string> ids;
    for (const auto& d : documents) ids.push_back(d.id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"xe_listing_parted_eu_1_eu", "xe_listing_parted_us_2_us",
                                             "xe_listing_parted_us_3_us", "xe_listing_t1_1", "xe_listing_t1_2",
                                             "xe_listing_t2_3"}));
    EXPECT_EQ(logs.count("Fetching all tables"), 1);
    EXPECT_EQ(logs.count("No rows found for table 'empty'"), 1) << logs.text();
    for (const std::string table : {"no_key", "v", "parted"}) {
      EXPECT_EQ(logs.count("Skipping table '" + table + "' from database 'xe' since no primary key is "
                           "associated with it. Assign primary key to the table to index it in the "
                           "next sync interval."),
                1)
          << table << "\n" << logs.text();
    }
  }
  {
    LogCapture logs;
    const auto documents = sync(server(), {.tables = "t2, t1", .schema = "listing"});
    ASSERT_EQ(documents.size(), 3u);
    EXPECT_EQ(documents[0].id, "xe_listing_t2_3");  // the configured order
    EXPECT_EQ(logs.count("Fetching user configured tables: ['t2', 't1']"), 1) << logs.text();
  }
  {
    LogCapture logs;
    EXPECT_TRUE(sync(server(), {.tables = "*", .schema = "no_such_schema"}).empty());
    EXPECT_EQ(logs.count("Fetched 0 tables for schema: no_such_schema and database: xe"), 1);
  }
}

TEST(PostgresSourcePg, ATableThatCannotBeReadIsSkippedAndTheRestSynced) {
  server().exec(R"sql(
    CREATE TABLE readable (id int PRIMARY KEY); INSERT INTO readable VALUES (1), (2);
    CREATE TABLE forbidden (id int PRIMARY KEY); INSERT INTO forbidden VALUES (3);
    CREATE ROLE limited LOGIN PASSWORD 'limited-pw';
    GRANT SELECT ON readable TO limited;
  )sql");
  LogCapture logs;
  auto clock = std::make_shared<core::testing::ManualClock>();
  const auto sink = testing::sync(server(), {.user = "limited", .password = "limited-pw",
                                             .tables = "does_not_exist, forbidden, readable"},
                                  {}, clock);
  // Elastic logs a warning and goes on, and its full sync then deletes the documents of the
  // tables it could not read; ours asks the service to keep them, and the job to fail.
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"xe_public_readable_1", "xe_public_readable_2"}));
  ASSERT_EQ(sink.skips.size(), 2u);
  EXPECT_EQ(sink.skips[0].prefix, "xe_public_does_not_exist_");
  EXPECT_NE(sink.skips[0].message.find("Table 'does_not_exist' could not be read: relation "
                                       "\"public.does_not_exist\" does not exist"),
            std::string::npos)
      << sink.skips[0].message;
  EXPECT_EQ(sink.skips[1].prefix, "xe_public_forbidden_");
  EXPECT_NE(sink.skips[1].message.find("permission denied for table forbidden"), std::string::npos)
      << sink.skips[1].message;
  EXPECT_TRUE(clock->sleeps().empty());  // permanent errors: not retried
  EXPECT_EQ(logs.count("Something went wrong while fetching document for table 'forbidden'. Error: "), 1);
}

TEST(PostgresSourcePg, WeirdNamesAreQuoted) {
  server().exec(R"sql(
    CREATE SCHEMA "Weird Schema";
    CREATE TABLE "Weird Schema"."a""b" ("Sel ect" int PRIMARY KEY, "x""y" text, "UPPER" text);
    INSERT INTO "Weird Schema"."a""b" VALUES (5, 'q', 'U');
  )sql");
  const auto documents = sync(server(), {.tables = "*", .schema = "Weird Schema"});
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].id, "xe_Weird Schema_a\"b_5");
  const auto body = json::parse(documents[0].json).as_object();
  EXPECT_EQ(body.at("weird schema_a\"b_sel ect"), 5);
  EXPECT_EQ(body.at("weird schema_a\"b_x\"y"), "q");
  EXPECT_EQ(body.at("weird schema_a\"b_upper"), "U");
  EXPECT_EQ(body.at("table"), "a\"b");
  EXPECT_EQ(body.at("schema"), "Weird Schema");
}

TEST(PostgresSourcePg, TimestampIsTheNewestCommitOrNowWhenNull) {
  server().exec("CREATE TABLE stamped (id int PRIMARY KEY); INSERT INTO stamped VALUES (1);");
  server().exec("INSERT INTO stamped VALUES (2);");
  const std::string newest = commit_timestamp("stamped");
  for (const auto& d : sync(server(), {.tables = "stamped"})) {
    EXPECT_EQ(json::parse(d.json).at("_timestamp"), newest.c_str());
  }
  // Frozen rows have no commit timestamp: NULL, so "now" from the clock.
  server().exec("VACUUM (FREEZE) stamped");
  if (server().query_value("SELECT MAX(pg_xact_commit_timestamp(xmin)) IS NULL FROM stamped") == "t") {
    auto clock = std::make_shared<core::testing::ManualClock>();
    for (const auto& d : sync(server(), {.tables = "stamped"}, clock)) {
      EXPECT_EQ(json::parse(d.json).at("_timestamp"), core::format_python_utc(clock->now()).c_str());
    }
  }
}

TEST(PostgresSourcePg, WithoutCommitTimestampsDocumentsGetNowAndOneWarning) {
  ftest::PostgresOptions options;
  options.track_commit_timestamp = false;
  auto pg = ftest::PostgresServer::start(options);
  pg.exec(R"sql(
    CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1), (2);
    CREATE TABLE b (id int PRIMARY KEY); INSERT INTO b VALUES (3);
  )sql");
  auto clock = std::make_shared<core::testing::ManualClock>();
  LogCapture logs;
  const auto documents = sync(pg, {.tables = "*"}, clock);
  ASSERT_EQ(documents.size(), 3u);
  for (const auto& d : documents) {
    EXPECT_EQ(json::parse(d.json).at("_timestamp"), "2023-11-14T22:13:20+00:00");
  }
  EXPECT_EQ(logs.count("track_commit_timestamp is off"), 1) << logs.text();
  EXPECT_TRUE(clock->sleeps().empty());  // not retried
}

TEST(PostgresSourcePg, StreamsALargeTableInBoundedMemory) {
  // 100,000 rows of about 1 KiB: ~100 MiB of documents, never held at once.
  server().exec(
      "CREATE TABLE big (id int PRIMARY KEY, payload text); "
      "INSERT INTO big SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 100000) g;");
  auto source = make_source(server(), {.tables = "big"});
  CountingSink sink;
  ftest::reset_peak_rss();
  const long before = ftest::peak_rss_kib();
  source->get_docs(SyncRequest{}, sink, {});
  const long growth_mib = (ftest::peak_rss_kib() - before) / 1024;
  std::cout << "peak RSS growth while streaming: " << growth_mib << " MiB\n";
  EXPECT_EQ(sink.count, 100000u);
  EXPECT_GT(sink.bytes, 100u * 1024 * 1024);
  EXPECT_LT(growth_mib, 40) << "peak RSS grew by " << growth_mib << " MiB while streaming "
                            << sink.bytes / (1024 * 1024) << " MiB of documents";
}

// Transfers between accounts keep the total balance, so every snapshot of the table sums to
// the same total; pages read in separate statements (upstream's LIMIT/OFFSET) would mix
// snapshots, and rows updated meanwhile (new row versions elsewhere in the table) would be
// read twice or not at all.
TEST(PostgresSourcePg, AFullSyncReadsATableInOneSnapshotWhileWritersCommit) {
  constexpr int kAccounts = 20000;
  server().exec("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL); "
                "INSERT INTO accounts SELECT g, 100 FROM generate_series(1, " +
                std::to_string(kAccounts) + ") g;");
  std::atomic<int> committed{0};
  std::jthread writer([&](std::stop_token stop) {
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(server().connection_string().c_str()), &PQfinish);
    std::mt19937 random(7);
    while (!stop.stop_requested() && PQstatus(conn.get()) == CONNECTION_OK) {
      const auto from = std::to_string(1 + random() % kAccounts);
      const auto to = std::to_string(1 + random() % kAccounts);
      const std::string sql = "BEGIN; UPDATE accounts SET balance = balance - 7 WHERE id = " + from +
                              "; UPDATE accounts SET balance = balance + 7 WHERE id = " + to + "; COMMIT;";
      PGresult* result = PQexec(conn.get(), sql.c_str());
      const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
      PQclear(result);
      if (!ok) break;
      ++committed;
    }
  });
  // Holds the first document until transfers have committed after the snapshot was taken.
  class WaitingSink final : public DocumentSink {
   public:
    explicit WaitingSink(std::atomic<int>& committed) : committed_(committed) {}
    void skip(std::string, std::string message) override { skips.push_back(std::move(message)); }
    void put(Document&& document) override {
      if (documents.empty()) {
        const int seen = committed_.load();
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        while (committed_.load() < seen + 50 && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(5ms);
        }
        during = committed_.load() - seen;
      }
      documents.push_back(std::move(document));
    }
    std::vector<Document> documents;
    std::vector<std::string> skips;
    int during = 0;

   private:
    std::atomic<int>& committed_;
  } sink(committed);
  make_source(server(), {.tables = "accounts"})->get_docs(SyncRequest{}, sink, {});
  writer.request_stop();
  writer.join();

  EXPECT_TRUE(sink.skips.empty());
  EXPECT_GE(sink.during, 50);  // transfers committed while the table was being read
  std::set<std::string> ids;
  std::int64_t total = 0;
  for (const auto& d : sink.documents) {
    ids.insert(d.id);
    total += json::parse(d.json).at("public_accounts_balance").to_number<std::int64_t>();
  }
  EXPECT_EQ(sink.documents.size(), static_cast<std::size_t>(kAccounts));  // each row once
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kAccounts));
  EXPECT_TRUE(ids.contains("xe_public_accounts_1") && ids.contains("xe_public_accounts_20000"));
  EXPECT_EQ(total, 100 * kAccounts);
  // And the table did change meanwhile: the next sync sees other balances, the same total.
  EXPECT_NE(server().query_value("SELECT count(*) FROM accounts WHERE balance <> 100").value(), "0");
}

TEST(PostgresSourcePg, StopEndsTheSyncPromptly) {
  server().exec(
      "CREATE TABLE many (id int PRIMARY KEY); INSERT INTO many SELECT generate_series(1, 200000);");
  // Stop requested by the sink after 1,000 documents: no more are put.
  {
    auto source = make_source(server(), {.tables = "many"});
    std::stop_source stop;
    class StoppingSink final : public DocumentSink {
     public:
      explicit StoppingSink(std::stop_source& s) : stop_(s) {}
      void skip(std::string, std::string) override {}
      void put(Document&&) override {
        if (++count == 1000) stop_.request_stop();
      }
      int count = 0;

     private:
      std::stop_source& stop_;
    } sink(stop);
    EXPECT_THROW(source->get_docs(SyncRequest{}, sink, stop.get_token()), core::StopRequested);
    EXPECT_EQ(sink.count, 1000);
  }
  // Stop requested while the source waits on the server (a lock held elsewhere).
  {
    auto source = make_source(server(), {.tables = "many"});
    std::stop_source stop;
    std::jthread locker([&] {
      // Holds the lock until the sync gave up: the source is blocked on it meanwhile.
      server().exec("BEGIN; LOCK TABLE many IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(3); COMMIT;");
    });
    std::this_thread::sleep_for(500ms);
    std::jthread stopper([&] {
      std::this_thread::sleep_for(500ms);
      stop.request_stop();
    });
    CountingSink sink;
    const auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(source->get_docs(SyncRequest{}, sink, stop.get_token()), core::StopRequested);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2500ms);
    EXPECT_EQ(sink.count, 0u);
  }
}

TEST(PostgresSourcePg, PingSucceedsOrFailsWithElasticsMessage) {
  make_source(server(), {})->ping();

  auto clock = std::make_shared<core::testing::ManualClock>();
  auto unreachable = make_source(server(), {.port = ftest::find_free_port()}, clock);
  try {
    unreachable->ping();
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "Exception");
    EXPECT_EQ(e.describe(), "Can't connect to Postgresql on 127.0.0.1.");
  }
  EXPECT_EQ(clock->sleeps(), (std::vector<core::Millis>{2000ms, 4000ms}));  // 3 attempts

  // retry_count is the number of attempts, waiting 2^attempt seconds between them.
  auto five = std::make_shared<core::testing::ManualClock>();
  EXPECT_THROW(make_source(server(), {.port = ftest::find_free_port(), .retry_count = 5}, five)->ping(), core::Error);
  EXPECT_EQ(five->sleeps(), (std::vector<core::Millis>{2000ms, 4000ms, 8000ms, 16000ms}));
  auto one = std::make_shared<core::testing::ManualClock>();
  EXPECT_THROW(make_source(server(), {.port = ftest::find_free_port(), .retry_count = 1}, one)->ping(), core::Error);
  EXPECT_TRUE(one->sleeps().empty());
}

TEST(PostgresSourcePg, WrongPasswordFailsAtOnceWithoutShowingIt) {
  const std::string password = "Wr0ng-Pa55word";
  auto clock = std::make_shared<core::testing::ManualClock>();
  LogCapture logs;
  auto source = make_source(server(), {.user = "admin", .password = password}, clock);
  EXPECT_THROW(source->ping(), core::Error);
  try {
    CollectingSink sink;
    source->get_docs(SyncRequest{}, sink, {});
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "28P01");
    EXPECT_NE(e.message().find("password authentication failed for user \"admin\""), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find(password), std::string::npos);
  }
  EXPECT_TRUE(clock->sleeps().empty());  // permanent: not retried
  EXPECT_NE(logs.text().find("password authentication failed"), std::string::npos);  // the cause
  EXPECT_EQ(logs.text().find(password), std::string::npos);
}

TEST(PostgresSourcePg, FixtureSpecialTypesGiveValidDocumentsAsReadonly) {
  const ftest::FixtureConnection admin{server().host(), server().port(), server().admin_user(),
                                       server().admin_password(), server().database()};
  ftest::load(admin, ftest::DataSize::kDemo);
  const auto documents =
      sync(server(), {.user = "readonly", .password = "foobar123", .tables = "customers_0,special_types"});
  EXPECT_EQ(static_cast<std::int64_t>(documents.size()), ftest::loaded_docs(ftest::DataSize::kDemo));
  std::map<std::string, json::object> special;
  for (const auto& d : documents) {
    const auto body = json::parse(d.json).as_object();  // every document is valid JSON
    if (body.at("table") == "special_types") special[d.id] = body;
  }
  ASSERT_EQ(special.size(), 3u);
  const auto& first = special.at("xe_public_special_types_1");
  EXPECT_EQ(first.at("public_special_types_ip_inet"), "192.168.1.1");
  EXPECT_EQ(first.at("public_special_types_ip_cidr"), "10.0.0.0/8");
  EXPECT_EQ(first.at("public_special_types_uuid_col"), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(first.at("public_special_types_inet_array"), json::parse(R"(["192.168.1.1","10.0.0.1"])"));
  EXPECT_EQ(first.at("public_special_types_uuid_array"),
            json::parse(R"(["550e8400-e29b-41d4-a716-446655440000","f47ac10b-58cc-4372-a567-0e02b2c3d479"])"));
  EXPECT_EQ(special.at("xe_public_special_types_2").at("public_special_types_ip_inet"), "2001:db8::1");
  EXPECT_EQ(special.at("xe_public_special_types_3").at("public_special_types_ip_inet"), "10.30.0.9/24");
  // Row 2, with Elastic's serialize(): repr(float) in the geometric strings, bits by fours.
  const auto& second = special.at("xe_public_special_types_2");
  EXPECT_EQ(second.at("public_special_types_point_col"), "(-3.14, 2.71)");
  EXPECT_EQ(second.at("public_special_types_line_col"), "(2.0, 3.0, -6.0)");
  EXPECT_EQ(second.at("public_special_types_lseg_col"), "[(-1.0, -1.0), (1.0, 1.0)]");
  EXPECT_EQ(second.at("public_special_types_box_col"), "[(10.0, 10.0), (-10.0, -10.0)]");
  EXPECT_EQ(second.at("public_special_types_path_col"), "closed [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0)]");
  EXPECT_EQ(second.at("public_special_types_polygon_col"), "[(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]");
  EXPECT_EQ(second.at("public_special_types_circle_col"), "((5.0, 5.0), 2.5)");
  EXPECT_EQ(second.at("public_special_types_bit_col"), "1111 0000");
  EXPECT_EQ(second.at("public_special_types_varbit_col"), "1010 1010 1010");
  EXPECT_EQ(special.at("xe_public_special_types_3").at("public_special_types_path_col"),
            "open [(0.0, 0.0), (5.0, 0.0), (5.0, 5.0)]");
  for (const auto& [id, body] : special) {
    for (const auto& [key, value] : body) {
      if (key.starts_with("public_special_types_")) {
        EXPECT_FALSE(value.is_null()) << id << " " << key;
      }
    }
  }
}

}  // namespace
}  // namespace connectors::sources::postgresql
