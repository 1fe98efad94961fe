#include "sources/postgresql/postgres_source.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"
#include "core/time_format.hpp"
#include "ftest/fixtures/postgresql_fixture.hpp"
#include "ftest/harness/postgres_test_environment.hpp"
#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

const auto* const kPostgres = ::testing::AddGlobalTestEnvironment(new ftest::PostgresTestEnvironment);

ftest::PostgresServer& server() { return ftest::PostgresTestEnvironment::server(); }

// Every log line while alive, at debug level and above.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    sink->set_pattern("%l %v");
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return stream_.str(); }
  int count(const std::string& fragment) const {
    const std::string all = text();
    int n = 0;
    for (auto pos = all.find(fragment); pos != std::string::npos; pos = all.find(fragment, pos + 1)) ++n;
    return n;
  }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

class CollectingSink final : public DocumentSink {
 public:
  void skip(std::string, std::string) override {}
  void put(Document&& document) override { documents.push_back(std::move(document)); }
  std::vector<Document> documents;
  std::map<std::string, std::string> by_id() const {
    std::map<std::string, std::string> out;
    for (const auto& d : documents) out[d.id] = d.json;
    return out;
  }
};

struct SourceOptions {
  std::string user;
  std::string password;
  std::string tables = "*";
  std::string schema = "public";
  int port = 0;
  int retry_count = 3;
};

json::object configuration(const ftest::PostgresServer& pg, const SourceOptions& options) {
  json::object stored = to_configuration_json(postgresql_configuration_schema());
  auto set = [&](const char* key, json::value value) { stored[key].as_object()["value"] = value; };
  set("host", json::string(pg.host()));
  set("port", options.port ? options.port : pg.port());
  set("username", json::string(options.user.empty() ? pg.admin_user() : options.user));
  set("password", json::string(options.password.empty() ? pg.admin_password() : options.password));
  set("database", json::string(pg.database()));
  set("schema", json::string(options.schema));
  set("tables", json::string(options.tables));
  set("retry_count", options.retry_count);
  return stored;
}

std::unique_ptr<Source> make_source(const ftest::PostgresServer& pg, const SourceOptions& options,
                                    std::shared_ptr<core::Clock> clock = nullptr) {
  if (!clock) clock = std::make_shared<core::testing::ManualClock>();
  const SourceDescriptor descriptor = make_postgresql_descriptor(clock);
  const DataSourceConfiguration config(configuration(pg, options), descriptor.configuration);
  auto source = descriptor.create(config);
  source->validate_config();
  return source;
}

std::vector<Document> sync(const ftest::PostgresServer& pg, const SourceOptions& options,
                           std::shared_ptr<core::Clock> clock = nullptr) {
  auto source = make_source(pg, options, std::move(clock));
  CollectingSink sink;
  source->get_docs(SyncRequest{}, sink, {});
  return std::move(sink.documents);
}

// The table's real `_timestamp`: its newest commit time, as the server reports it.
std::string commit_timestamp(const std::string& relation) {
  const auto text = server().query_value(
      "SELECT to_char(MAX(pg_xact_commit_timestamp(xmin)) AT TIME ZONE 'UTC', "
      "'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM " + relation);
  std::string iso = text.value();
  if (iso.ends_with(".000000")) iso.resize(iso.size() - 7);
  return iso + "+00:00";
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

TEST(PostgresSourcePg, EveryCommonTypeGivesTheExactDocument) {
  server().exec(R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'happy');
    CREATE TABLE all_types (
      id int PRIMARY KEY, c_int2 smallint, c_int8 bigint, c_oid oid, c_real real,
      c_double double precision, c_numeric numeric(10,2), c_bool boolean, c_text text,
      c_varchar varchar(10), c_char char(4), c_bytea bytea, c_uuid uuid, c_date date, c_time time,
      c_timetz timetz, c_ts timestamp, c_tstz timestamptz, c_json json, c_jsonb jsonb, c_inet inet,
      c_cidr cidr, c_int_array int[], c_text_2d text[], c_interval interval, c_point point,
      c_money money, c_bit bit(4), c_enum mood, c_range int4range, c_inet_array inet[],
      c_point_array point[], c_null text, "MixedCase" int);
    INSERT INTO all_types VALUES (
      1, -2, 9007199254740993, 42, 1.1, 0.1, 12.5, true, E'line\nbreak "q"', 'v', 'ab',
      '\x00ff41', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '2024-01-31', '10:00:00.5',
      '10:00:00+02', '2024-01-31 10:00:00', '2024-01-31 10:00:00.123456+02',
      E'{"a": [1, 2.5],\n "b": null}', '{"b": {"c": true}, "a": 1}', '192.168.1.1', '10.0.0.0/8',
      '{1,NULL,3}', '{{a,b},{c,d}}', '1 day 02:00:00', '(1.5,2.5)', 1234.56, B'1010', 'happy',
      '[1,5)', '{10.0.0.1,::1}', '{"(1,2)","(3,4)"}', NULL, 7);
  )sql");
  LogCapture logs;
  const auto documents = sync(server(), {.tables = "all_types"});
  ASSERT_EQ(documents.size(), 1u);
  EXPECT_EQ(documents[0].id, "xe_public_all_types_1");
  const std::string timestamp = commit_timestamp("all_types");
  const std::string json = replace_all(documents[0].json, timestamp, "<commit time>");
  EXPECT_EQ(json,
            "{\"public_all_types_id\":1,\"public_all_types_c_int2\":-2,"
            "\"public_all_types_c_int8\":9007199254740993,\"public_all_types_c_oid\":42,"
            "\"public_all_types_c_real\":1.100000023841858,\"public_all_types_c_double\":0.1,"
            "\"public_all_types_c_numeric\":12.5,\"public_all_types_c_bool\":true,"
            "\"public_all_types_c_text\":\"line\\nbreak \\\"q\\\"\",\"public_all_types_c_varchar\":\"v\","
            "\"public_all_types_c_char\":\"ab  \",\"public_all_types_c_bytea\":\"\\u0000A\","
            "\"public_all_types_c_uuid\":\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\","
            "\"public_all_types_c_date\":\"2024-01-31\",\"public_all_types_c_time\":\"10:00:00.500000\","
            "\"public_all_types_c_timetz\":\"10:00:00+02:00\","
            "\"public_all_types_c_ts\":\"2024-01-31T10:00:00\","
            "\"public_all_types_c_tstz\":\"2024-01-31T08:00:00.123456+00:00\","
            "\"public_all_types_c_json\":{\"a\":[1,2.5],\"b\":null},"
            "\"public_all_types_c_jsonb\":{\"a\":1,\"b\":{\"c\":true}},"
            "\"public_all_types_c_inet\":\"192.168.1.1\",\"public_all_types_c_cidr\":\"10.0.0.0/8\","
            "\"public_all_types_c_int_array\":[1,null,3],"
            "\"public_all_types_c_text_2d\":[[\"a\",\"b\"],[\"c\",\"d\"]],"
            "\"public_all_types_c_interval\":\"1 day 02:00:00\",\"public_all_types_c_point\":\"(1.5,2.5)\","
            "\"public_all_types_c_money\":\"$1,234.56\",\"public_all_types_c_bit\":\"1010\","
            "\"public_all_types_c_enum\":\"happy\",\"public_all_types_c_range\":\"[1,5)\","
            "\"public_all_types_c_inet_array\":[\"10.0.0.1\",\"::1\"],"
            "\"public_all_types_c_point_array\":[\"(1,2)\",\"(3,4)\"],"
            "\"public_all_types_c_null\":null,\"public_all_types_mixedcase\":7,"
            "\"_timestamp\":\"<commit time>\",\"database\":\"xe\",\"table\":\"all_types\","
            "\"schema\":\"public\"}");
  // The text fallbacks are named once.
  EXPECT_EQ(logs.count("reading these columns as text"), 1) << logs.text();
  EXPECT_NE(logs.text().find("c_interval (interval), c_point (point), c_money (money), c_bit (bit(4)), "
                             "c_enum (mood), c_range (int4range), c_point_array (point[])"),
            std::string::npos)
      << logs.text();
}

TEST(PostgresSourcePg, IdsFollowPythonStrOfTheKeyValues) {
  server().exec(R"sql(
    CREATE TABLE composite (a int, b text, c date, d int, PRIMARY KEY (c, b, a));
    INSERT INTO composite VALUES (1, 'x', '2024-01-31', 9);
    CREATE TABLE keyed_by_uuid (u uuid PRIMARY KEY, v int);
    INSERT INTO keyed_by_uuid VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 1);
    CREATE TABLE keyed_by_ts (t timestamp, tz timestamptz, n numeric, b bool, PRIMARY KEY (t, tz, n, b));
    INSERT INTO keyed_by_ts VALUES ('2024-01-31 10:00:00', '2024-01-31 10:00:00.5+00', 1.50, true);
  )sql");
  const auto documents =
      sync(server(), {.tables = "composite, keyed_by_uuid,keyed_by_ts"});
  ASSERT_EQ(documents.size(), 3u);
  // Constraint order (c, b, a), not column order.
  EXPECT_EQ(documents[0].id, "xe_public_composite_2024-01-31_x_1");
  EXPECT_EQ(documents[1].id, "xe_public_keyed_by_uuid_a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(documents[2].id,
            "xe_public_keyed_by_ts_2024-01-31 10:00:00_2024-01-31 10:00:00.500000+00:00_1.50_True");
}

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

TEST(PostgresSourcePg, AMissingConfiguredTableFailsTheSyncNamingIt) {
  try {
    sync(server(), {.tables = "does_not_exist"});
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "42P01");
    EXPECT_NE(std::string(e.what()).find("table: public.does_not_exist"), std::string::npos) << e.what();
  }
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

// Peak resident memory since the last reset (Linux: VmHWM, reset through clear_refs).
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  }
  return 0;
}

class CountingSink final : public DocumentSink {
 public:
  void skip(std::string, std::string) override {}
  void put(Document&& document) override {
    ++count;
    bytes += document.json.size();
  }
  std::uint64_t count = 0;
  std::uint64_t bytes = 0;
};

TEST(PostgresSourcePg, StreamsALargeTableInBoundedMemory) {
  // 100,000 rows of about 1 KiB: ~100 MiB of documents, never held at once.
  server().exec(
      "CREATE TABLE big (id int PRIMARY KEY, payload text); "
      "INSERT INTO big SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 100000) g;");
  auto source = make_source(server(), {.tables = "big"});
  CountingSink sink;
  { std::ofstream("/proc/self/clear_refs") << "5"; }
  const long before = peak_rss_kib();
  source->get_docs(SyncRequest{}, sink, {});
  const long growth_mib = (peak_rss_kib() - before) / 1024;
  std::cout << "peak RSS growth while streaming: " << growth_mib << " MiB\n";
  EXPECT_EQ(sink.count, 100000u);
  EXPECT_GT(sink.bytes, 100u * 1024 * 1024);
  EXPECT_LT(growth_mib, 40) << "peak RSS grew by " << growth_mib << " MiB while streaming "
                            << sink.bytes / (1024 * 1024) << " MiB of documents";
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
