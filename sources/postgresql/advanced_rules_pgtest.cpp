// Advanced sync rules against a real server: Elastic's validation messages, its document shape
// for rule results (keys prefixed with the sorted tables, `table` as the rule's list,
// id_columns lower-cased), its skip messages; and what ours adds: results streamed, and rules
// that try to write fail without changing anything.

#include <gtest/gtest.h>


#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/time_format.hpp"
#include "ftest/harness/peak_memory.hpp"
#include "ftest/harness/postgres_test_environment.hpp"
#include "sources/postgresql/testing/source_harness.hpp"

namespace connectors::sources::postgresql {
namespace {

using namespace testing;
namespace json = boost::json;

const auto* const kPostgres = ::testing::AddGlobalTestEnvironment(new ftest::PostgresTestEnvironment);

ftest::PostgresServer& server() { return ftest::PostgresTestEnvironment::server(); }

SyncRequest with_rules(const std::string& rules) {
  SyncRequest request;
  request.advanced_rules = json::parse(rules);
  return request;
}

class AdvancedRulesPg : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server().exec(R"sql(
      CREATE TABLE emp (emp_id int PRIMARY KEY, name text, dept_id int);
      INSERT INTO emp VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cy', NULL);
      CREATE TABLE dept (dept_id int PRIMARY KEY, title text);
      INSERT INTO dept VALUES (10, 'sales'), (20, 'ops');
      CREATE TABLE no_key (v text); INSERT INTO no_key VALUES ('x');
      CREATE VIEW emp_view AS SELECT emp_id AS "Emp_Id", name FROM emp;
      CREATE TABLE a (id int PRIMARY KEY, v text); INSERT INTO a VALUES (1, 'a1');
      CREATE TABLE b (id int PRIMARY KEY, w text); INSERT INTO b VALUES (1, 'b1');
      CREATE SCHEMA other; CREATE TABLE other.hidden (id int PRIMARY KEY);
      CREATE ROLE reader LOGIN PASSWORD 'reader-pw'; GRANT pg_read_all_data TO reader;
    )sql");
  }
};

TEST_F(AdvancedRulesPg, ValidationChecksThatEveryTableExists) {
  auto source = make_source(server(), {.user = "reader", .password = "reader-pw"});
  EXPECT_TRUE(source->validate_advanced_rules(json::parse(
      R"([{"tables": ["emp", "dept"], "query": "SELECT 1"}, {"tables": ["emp_view"], "query": "SELECT 1"}])"))
                  .empty());  // views count as tables
  const auto missing = source->validate_advanced_rules(json::parse(
      R"([{"tables": ["emp", "Emp", "hidden"], "query": "SELECT 1"}, {"tables": ["other.hidden"], "query": "q"}])"));
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].rule_id, "advanced_snippet");
  // Case-sensitive and unqualified, as upstream: only the configured schema's tables exist.
  EXPECT_EQ(missing[0].message, "Tables not found or inaccessible: {'Emp', 'hidden', 'other.hidden'}.");
}

TEST_F(AdvancedRulesPg, RulesRunAsWrittenWithElasticsKeysAndTableLists) {
  LogCapture logs;
  auto clock = std::make_shared<core::testing::ManualClock>();
  const auto sink = sync(server(), {.tables = "ignored_by_rules"}, with_rules(R"([
      {"tables": ["emp"], "query": "SELECT * FROM emp ORDER BY emp_id; -- every employee"},
      {"tables": ["emp", "dept"], "id_columns": ["EMP_ID"],
       "query": "SELECT e.emp_id, e.name, d.title FROM emp e JOIN dept d USING (dept_id) ORDER BY 1"},
      {"tables": ["emp_view"], "id_columns": ["Emp_Id"], "query": "SELECT * FROM emp_view WHERE \"Emp_Id\" = 3"},
      {"tables": ["b", "a"], "query": "SELECT a.id, b.id, a.v, b.w FROM a JOIN b ON a.id = b.id"},
      {"tables": ["emp"], "query": "SELECT emp_id, interval '1 day' * emp_id AS span, name, name FROM emp WHERE emp_id = 2"}
    ])"), clock);
  ASSERT_TRUE(sink.skips.empty());
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{
                            "xe_public_emp_1", "xe_public_emp_2", "xe_public_emp_3",  // rule 1
                            "xe_public_dept_emp_1", "xe_public_dept_emp_2",           // rule 2: sorted tables
                            "xe_public_emp_view_3",                                   // rule 3: id_columns
                            "xe_public_a_b_1_1",  // rule 4: both tables' key "id", one document key
                            "xe_public_emp_2"}));
  const std::string emp_time = commit_timestamp(server(), "emp");
  const std::string newest = std::max(emp_time, commit_timestamp(server(), "dept"));
  EXPECT_EQ(sink.documents[0].json,
            R"({"public_emp_emp_id":1,"public_emp_name":"ann","public_emp_dept_id":10,"_timestamp":")" + emp_time +
                R"(","database":"xe","table":["emp"],"schema":"public"})");
  // The newest commit over the rule's tables; `table` is the list as the rule gives it.
  EXPECT_EQ(sink.documents[3].json,
            R"({"public_dept_emp_emp_id":1,"public_dept_emp_name":"ann","public_dept_emp_title":"sales",)"
            R"("_timestamp":")" + newest + R"(","database":"xe","table":["emp","dept"],"schema":"public"})");
  // A view has no commit time: now, from the clock.
  EXPECT_EQ(sink.documents[5].json,
            R"({"public_emp_view_emp_id":3,"public_emp_view_name":"cy","_timestamp":")" +
                core::format_python_utc(clock->now()) +
                R"(","database":"xe","table":["emp_view"],"schema":"public"})");
  EXPECT_EQ(json::parse(sink.documents[6].json).at("public_a_b_id"), 1);
  // A column needing a text cast, and a duplicate name (the last value wins).
  EXPECT_TRUE(sink.documents[7].json.starts_with(
      R"({"public_emp_emp_id":2,"public_emp_span":"2 days","public_emp_name":"bob",)"))
      << sink.documents[7].json;
  EXPECT_EQ(logs.count("Fetching records for ['emp', 'dept'] tables using custom query: SELECT e.emp_id"), 1);
}

TEST_F(AdvancedRulesPg, RulesWithoutKeysAreSkippedWithElasticsMessages) {
  LogCapture logs;
  const auto sink = sync(server(), {}, with_rules(R"([
      {"tables": ["no_key"], "query": "SELECT * FROM no_key"},
      {"tables": ["emp"], "id_columns": ["missing"], "query": "SELECT name FROM emp"},
      {"tables": ["emp"], "query": "SELECT name FROM emp"},
      {"tables": ["dept"], "query": "SELECT * FROM dept"}
    ])"));
  EXPECT_TRUE(sink.skips.empty());
  EXPECT_EQ(sink.ids(), (std::vector<std::string>{"xe_public_dept_10", "xe_public_dept_20"}));
  EXPECT_EQ(logs.count("Skipping tables no_key from database xe since no primary key is associated with them. "
                       "Assign primary key to the tables to index it in the next sync interval."),
            1)
      << logs.text();
  EXPECT_EQ(logs.count("Skipping query SELECT name FROM emp for tables emp as primary key column or unique ID "
                       "column name is not present in query."),
            2)
      << logs.text();
}

TEST_F(AdvancedRulesPg, RulesThatWriteFailAndChangeNothing) {
  server().exec(R"sql(
    CREATE TABLE guarded (id int PRIMARY KEY, v int); INSERT INTO guarded SELECT g, g FROM generate_series(1, 5) g;
    CREATE SEQUENCE guarded_seq;
    CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'INSERT INTO guarded VALUES (99, 99) RETURNING 1';
  )sql");
  const std::string before = server().query_value("SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM guarded").value();
  const std::vector<std::string> writers = {
      "DELETE FROM guarded",
      "UPDATE guarded SET v = 0 RETURNING *",
      "INSERT INTO guarded VALUES (6, 6) RETURNING *",
      "DROP TABLE guarded",
      "CREATE TABLE created_by_rule (id int)",
      "TRUNCATE guarded",
      "SELECT * FROM guarded FOR UPDATE",
      "WITH gone AS (DELETE FROM guarded RETURNING *) SELECT * FROM gone",
      "SELECT id, v FROM guarded; DELETE FROM guarded",
      "SELECT nextval('guarded_seq') AS id",
      "SELECT sneaky() AS id",
      "SELECT id, v FROM guarded WHERE id = (SELECT sneaky())",
  };
  json::array rules;
  for (const auto& query : writers) rules.push_back(json::object{{"tables", json::array{"guarded"}}, {"query", query}});
  rules.push_back(json::object{{"tables", json::array{"guarded"}}, {"query", "SELECT * FROM guarded WHERE id = 1"}});
  auto clock = std::make_shared<core::testing::ManualClock>();
  SyncRequest request;
  request.advanced_rules = rules;
  const auto sink = sync(server(), {}, request, clock);

  // Each writer is reported (the service keeps the rule's documents and fails the job), the
  // reading rule after them still runs, and the database is as it was.
  ASSERT_EQ(sink.skips.size(), writers.size());
  for (std::size_t i = 0; i < writers.size(); ++i) {
    EXPECT_EQ(sink.skips[i].prefix, "xe_public_guarded_") << writers[i];
    EXPECT_TRUE(sink.skips[i].message.starts_with("Advanced sync rule " + std::to_string(i + 1) +
                                                  " (tables ['guarded']) failed: "))
        << sink.skips[i].message;
  }
  EXPECT_NE(sink.skips[0].message.find("may only read (SELECT, WITH, VALUES or TABLE); this one starts with "
                                       "'delete' and was not run"),
            std::string::npos)
      << sink.skips[0].message;
  EXPECT_NE(sink.skips[6].message.find("it tries to write, and advanced rules may only read: cannot execute "
                                       "SELECT FOR UPDATE in a read-only transaction"),
            std::string::npos)
      << sink.skips[6].message;
  EXPECT_NE(sink.skips[8].message.find("holds several statements"), std::string::npos) << sink.skips[8].message;
  EXPECT_NE(sink.skips[9].message.find("cannot execute nextval() in a read-only transaction"), std::string::npos)
      << sink.skips[9].message;
  EXPECT_NE(sink.skips[10].message.find("cannot execute INSERT in a read-only transaction"), std::string::npos)
      << sink.skips[10].message;
  EXPECT_EQ(sink.ids(), std::vector<std::string>{"xe_public_guarded_1"});
  EXPECT_EQ(server().query_value("SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM guarded").value(), before);
  EXPECT_EQ(server().query_value("SELECT last_value FROM guarded_seq WHERE is_called").value_or("not called"),
            "not called");
  EXPECT_EQ(server().query_value("SELECT to_regclass('created_by_rule') IS NULL").value(), "t");
  EXPECT_TRUE(clock->sleeps().empty());  // refused or permanent: not retried
}

TEST_F(AdvancedRulesPg, ABrokenQueryIsReportedAndTheNextRuleRuns) {
  const auto sink = sync(server(), {}, with_rules(R"([
      {"tables": ["emp"], "query": "SELEC * FROM emp"},
      {"tables": ["emp"], "query": "SELECT * FROM nowhere"},
      {"tables": ["dept"], "query": "SELECT * FROM dept WHERE dept_id = 10"}
    ])"));
  ASSERT_EQ(sink.skips.size(), 2u);
  EXPECT_NE(sink.skips[0].message.find("starts with 'selec'"), std::string::npos) << sink.skips[0].message;
  EXPECT_NE(sink.skips[1].message.find("relation \"nowhere\" does not exist"), std::string::npos)
      << sink.skips[1].message;
  EXPECT_EQ(sink.ids(), std::vector<std::string>{"xe_public_dept_10"});
}

TEST_F(AdvancedRulesPg, RuleResultsStreamInBoundedMemory) {
  // 100,000 rows of about 1 KiB through a join: ~100 MiB of documents, never held at once
  // (Elastic's connector fetches a rule's whole result before the first document).
  server().exec(
      "CREATE TABLE big_rule (id int PRIMARY KEY, payload text); "
      "INSERT INTO big_rule SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 100000) g;");
  auto source = make_source(server(), {});
  CountingSink sink;
  SyncRequest request = with_rules(
      R"([{"tables": ["big_rule"], "query": "SELECT b.*, b.id * interval '1 second' AS span FROM big_rule b"}])");
  ftest::reset_peak_rss();
  const long before = ftest::peak_rss_kib();
  source->get_docs(request, sink, {});
  const long growth_mib = (ftest::peak_rss_kib() - before) / 1024;
  std::cout << "peak RSS growth while streaming a rule: " << growth_mib << " MiB\n";
  EXPECT_TRUE(sink.skips.empty());
  EXPECT_EQ(sink.count, 100000u);
  EXPECT_GT(sink.bytes, 100u * 1024 * 1024);
  EXPECT_LT(growth_mib, 40) << "peak RSS grew by " << growth_mib << " MiB";
}

}  // namespace
}  // namespace connectors::sources::postgresql
