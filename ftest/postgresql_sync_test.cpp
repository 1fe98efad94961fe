// The PostgreSQL source through the whole service, in process: the job execution loop and
// runner, the sync pipeline, es-emulator over real HTTP, and a real PostgreSQL, as a user
// runs them. What only the service can show: the cursor stored on the connector and handed
// back to incremental jobs, incremental syncs under concurrent writers ending with an index
// equal to the table, basic rules on this source's documents, a table that cannot be read
// keeping its documents, and long keys hashed.

#include <algorithm>
#include <atomic>
#include <map>
#include <random>

#include <openssl/evp.h>

#include <gmock/gmock.h>

#include "ftest/harness/held_commit.hpp"
#include "ftest/harness/postgres_server.hpp"
#include "ftest/service_test_fixture.hpp"
#include "sources/postgresql/postgres_source.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

std::string md5_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

class PostgresSyncTest : public ServiceTest {
 protected:
  static void SetUpTestSuite() {
    ServiceTest::SetUpTestSuite();
    PostgresOptions options;
    // Commits can be held between taking their timestamp and becoming visible (HeldCommit).
    options.settings = held_commit_settings();
    pg_ = new PostgresServer(PostgresServer::start(options));
    pg_->exec("CREATE ROLE connector LOGIN PASSWORD 'connector-pw'; GRANT pg_read_all_data TO connector;");
  }
  static void TearDownTestSuite() {
    delete pg_;
    pg_ = nullptr;
    ServiceTest::TearDownTestSuite();
  }

  void SetUp() override {
    ServiceTest::SetUp();
    // No overlap window: an incremental sync reads exactly what the cursor says changed, so
    // that the tests see whether it misses anything (the window only guards against clock
    // steps; see sync_cursor.hpp).
    registry_.add(sources::postgresql::make_postgresql_descriptor(nullptr, std::chrono::seconds{0}));
    pg_connector_ = "pg-" + id_;
    pg_index_ = "search-pg-" + index_.substr(7);
    add_connector(pg_connector_, pg_index_, "postgresql");
  }

  void configure_postgres(const std::string& tables) {
    configure(json::serialize(json::object{{"host", pg_->host()},
                                           {"port", pg_->port()},
                                           {"username", "connector"},
                                           {"password", "connector-pw"},
                                           {"database", pg_->database()},
                                           {"schema", "public"},
                                           {"tables", tables}}),
              pg_connector_, "postgresql");
    // The service's pass writes the source's features (incremental syncs) on the connector.
    service::ConnectorPass(*context_).run({});
  }

  json::object sync(const std::string& job_type) { return run_jobs(create_job(job_type, pg_connector_)); }

  // Every document of the index, by _id.
  std::map<std::string, json::object> index_documents() {
    request(HttpMethod::kPost, "/" + pg_index_ + "/_refresh");
    const json::value result =
        request(HttpMethod::kPost, "/" + pg_index_ + "/_search", R"({"size": 10000, "query": {"match_all": {}}})");
    std::map<std::string, json::object> out;
    for (const auto& hit : result.at("hits").at("hits").as_array()) {
      out[std::string(hit.at("_id").as_string())] = hit.at("_source").as_object();
    }
    return out;
  }

  static inline PostgresServer* pg_ = nullptr;
  std::string pg_connector_;
  std::string pg_index_;
};

// Writers that insert and update rows in small transactions until stopped.
class Writers {
 public:
  Writers(const PostgresServer& pg, std::int64_t first_new_id, int count) : next_id_(first_new_id) {
    for (int i = 0; i < count; ++i) {
      threads_.emplace_back([this, &pg, i](std::stop_token stop) { write(pg, static_cast<unsigned>(i), stop); });
    }
  }
  ~Writers() { stop(); }
  void stop() {
    for (auto& thread : threads_) thread.request_stop();
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }
  std::int64_t transactions() const { return transactions_; }

 private:
  void write(const PostgresServer& pg, unsigned seed, std::stop_token stop) {
    PgSession session(pg);
    std::mt19937 random(seed);
    while (!stop.stop_requested()) {
      std::string sql = "BEGIN;";
      const int statements = 1 + static_cast<int>(random() % 4);
      std::vector<std::int64_t> updated;
      for (int s = 0; s < statements; ++s) {
        if (random() % 3 == 0) {
          const std::int64_t id = next_id_++;
          sql += "INSERT INTO orders VALUES (" + std::to_string(id) + ", 1, 'new " + std::to_string(id) + "');";
        } else {
          updated.push_back(2 + random() % 2999);  // row 1 is the held transaction's
        }
      }
      // Rows locked in one order by every writer: no deadlock can abort a writer.
      std::sort(updated.begin(), updated.end());
      for (const std::int64_t id : updated) {
        sql += "UPDATE orders SET version = version + 1, note = 'by " + std::to_string(seed) +
               "' WHERE id = " + std::to_string(id) + ";";
      }
      sql += "COMMIT;";
      session.exec(sql);
      ++transactions_;
      std::this_thread::sleep_for(std::chrono::milliseconds(1 + random() % 3));
    }
  }

  std::atomic<std::int64_t> next_id_;
  std::atomic<std::int64_t> transactions_{0};
  std::vector<std::jthread> threads_;
};

TEST_F(PostgresSyncTest, IncrementalSyncsUnderConcurrentWritersLeaveTheIndexEqualToTheTable) {
  pg_->exec(R"sql(
    CREATE TABLE orders (id bigint PRIMARY KEY, version int NOT NULL, note text);
    INSERT INTO orders SELECT g, 1, 'initial' FROM generate_series(1, 3000) g;
  )sql");
  configure_postgres("orders");
  // The service wrote the source's features on the connector: incremental syncs offered.
  EXPECT_EQ(connector(pg_connector_).at("features").at("incremental_sync").at("enabled"), json::value(true))
      << json::serialize(connector(pg_connector_).at("features"));

  // Without a completed full sync there is no cursor: the job says what to do.
  const json::object refused = sync("incremental");
  EXPECT_EQ(text(refused, "status"), "error");
  EXPECT_THAT(text(refused, "error"),
              ::testing::StartsWith("SyncCursorEmpty: Unable to start an incremental sync: there is no sync "
                                    "cursor. Run a full sync first"));

  Writers writers(*pg_, 100000, 3);
  const json::object full = sync("full");
  ASSERT_EQ(text(full, "status"), "completed") << text(full, "error");
  EXPECT_GE(full.at("indexed_document_count").to_number<int>(), 3000);
  const json::value cursor = connector(pg_connector_).at("sync_cursor");
  ASSERT_EQ(text(cursor.as_object(), "source"), "postgresql") << json::serialize(cursor);

  // A transaction whose commit timestamp is taken now but that becomes visible only after the
  // next sync's snapshot: the case an overlap on timestamps alone cannot cover.
  HeldCommit held(*pg_, "UPDATE orders SET version = 1000, note = 'held' WHERE id = 1");

  for (int round = 0; round < 4; ++round) {
    const std::int64_t before = writers.transactions();
    const json::object job = sync("incremental");
    ASSERT_EQ(text(job, "status"), "completed") << text(job, "error");
    EXPECT_EQ(text(job, "job_type"), "incremental");
    EXPECT_GT(job.at("indexed_document_count").to_number<int>(), 0);
    EXPECT_EQ(job.at("deleted_document_count").to_number<int>(), 0);  // incremental: upserts only
    EXPECT_GT(writers.transactions(), before);  // commits happened while it ran
  }
  held.release();  // the commit becomes visible
  writers.stop();
  ASSERT_GT(writers.transactions(), 50);
  std::cout << writers.transactions() << " writer transactions during the syncs\n";

  const json::object last = sync("incremental");
  ASSERT_EQ(text(last, "status"), "completed") << text(last, "error");
  const int rows = std::stoi(pg_->query_value("SELECT count(*) FROM orders").value());
  // It re-read what changed, not the table.
  EXPECT_LT(last.at("indexed_document_count").to_number<int>(), rows);

  // The index equals the table, row for row.
  const auto documents = index_documents();
  EXPECT_EQ(static_cast<int>(documents.size()), rows);
  const std::string table = pg_->query_value(
      "SELECT string_agg(id || ':' || version || ':' || note, ',' ORDER BY id) FROM orders").value();
  std::vector<std::pair<std::int64_t, std::string>> indexed;
  for (const auto& [id, document] : documents) {
    indexed.emplace_back(document.at("public_orders_id").to_number<std::int64_t>(),
                         std::to_string(document.at("public_orders_version").to_number<std::int64_t>()) + ":" +
                             std::string(document.at("public_orders_note").as_string()));
    EXPECT_EQ(id, "xe_public_orders_" + std::to_string(indexed.back().first));
  }
  std::sort(indexed.begin(), indexed.end());
  std::string index_text;
  for (const auto& [id, rest] : indexed) index_text += (index_text.empty() ? "" : ",") + std::to_string(id) + ":" + rest;
  EXPECT_EQ(index_text, table);
  EXPECT_EQ(text(documents.at("xe_public_orders_1"), "public_orders_note"), "held");
}

TEST_F(PostgresSyncTest, BasicRulesApplyToThisSourcesDocuments) {
  pg_->exec(R"sql(
    CREATE TABLE people (id int PRIMARY KEY, name text, age int, city text);
    INSERT INTO people VALUES (1, 'Ann', 25, 'Oslo'), (2, 'Alf', 41, 'Paris'), (3, 'Bob', 35, 'Rome'),
                              (4, 'Ada', 52, 'Oslo'), (5, 'Cy', 19, 'Paris');
  )sql");
  configure_postgres("people");
  ASSERT_EQ(text(sync("full"), "status"), "completed");
  ASSERT_EQ(kibana_->count(pg_index_, {}), 5);

  // Exclude Paris, except names starting with "A"; then keep only people over 30.
  request(HttpMethod::kPut, "/_connector/" + pg_connector_ + "/_filtering",
          R"({"rules": [
               {"id": "a-names", "policy": "include", "field": "public_people_name", "rule": "starts_with",
                "value": "A", "order": 0},
               {"id": "no-paris", "policy": "exclude", "field": "public_people_city", "rule": "equals",
                "value": "Paris", "order": 1},
               {"id": "young", "policy": "exclude", "field": "public_people_age", "rule": "<", "value": "30",
                "order": 2}],
             "advanced_snippet": {"value": {}}})");
  service::ConnectorPass(*context_).run({});
  ASSERT_EQ(connector(pg_connector_).at("filtering").at(0).at("draft").at("validation").at("state"),
            json::value("valid"))
      << json::serialize(connector(pg_connector_).at("filtering"));
  const json::object job = sync("full");
  ASSERT_EQ(text(job, "status"), "completed") << text(job, "error");
  std::vector<std::string> ids;
  for (const auto& [id, document] : index_documents()) ids.push_back(id);
  // Ann (A, though young), Alf (A, in Paris), Ada (A); Bob (35, Rome); not Cy.
  EXPECT_EQ(ids, (std::vector<std::string>{"xe_public_people_1", "xe_public_people_2", "xe_public_people_3",
                                           "xe_public_people_4"}));
  EXPECT_EQ(job.at("deleted_document_count").to_number<int>(), 1);
}

TEST_F(PostgresSyncTest, AnUnreadableTableKeepsItsDocumentsAndTheJobSaysWhy) {
  pg_->exec(R"sql(
    CREATE ROLE narrow LOGIN PASSWORD 'narrow-pw';
    CREATE TABLE open_t (id int PRIMARY KEY); INSERT INTO open_t VALUES (1), (2);
    CREATE TABLE closed_t (id int PRIMARY KEY); INSERT INTO closed_t VALUES (1), (2), (3);
    GRANT SELECT ON open_t, closed_t TO narrow;
    CREATE TABLE long_keys (k text PRIMARY KEY); INSERT INTO long_keys VALUES (repeat('k', 600));
    GRANT SELECT ON long_keys TO narrow;
  )sql");
  configure(json::serialize(json::object{{"host", pg_->host()},
                                         {"port", pg_->port()},
                                         {"username", "narrow"},
                                         {"password", "narrow-pw"},
                                         {"database", pg_->database()},
                                         {"schema", "public"},
                                         {"tables", "open_t, closed_t, long_keys"}}),
            pg_connector_, "postgresql");
  service::ConnectorPass(*context_).run({});
  ASSERT_EQ(text(sync("full"), "status"), "completed");
  EXPECT_EQ(kibana_->count(pg_index_, {}), 6);
  // An _id over 512 bytes is replaced by its md5, as Elastic's service does.
  const std::string long_id = "xe_public_long_keys_" + std::string(600, 'k');
  protocol::RequestOptions options;
  options.accept_statuses = {200, 404};
  EXPECT_EQ(es_->request(HttpMethod::kGet, "/" + pg_index_ + "/_doc/" + md5_hex(long_id), {}, options, {}).status,
            200u);

  pg_->exec("REVOKE SELECT ON closed_t FROM narrow; DELETE FROM open_t WHERE id = 2;");
  const json::object job = sync("full");
  EXPECT_EQ(text(job, "status"), "error");
  EXPECT_THAT(text(job, "error"),
              ::testing::StartsWith("PartialSyncError: 1 part of the source could not be read; their documents "
                                    "were kept: Table 'closed_t' could not be read: permission denied for table "
                                    "closed_t"));
  // closed_t's three documents stay (Elastic's connector would delete them); open_t's deleted
  // row is gone.
  EXPECT_EQ(job.at("deleted_document_count").to_number<int>(), 1);
  EXPECT_EQ(kibana_->count(pg_index_, {}), 5);
}

TEST_F(PostgresSyncTest, IncrementalSyncsDoNotSeeDeletesAndTheNextFullSyncRemovesThem) {
  pg_->exec(R"sql(
    CREATE TABLE notes (id int PRIMARY KEY, body text);
    INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 10) g;
  )sql");
  configure_postgres("notes");
  ASSERT_EQ(text(sync("full"), "status"), "completed");
  ASSERT_EQ(index_documents().size(), 10u);

  pg_->exec("DELETE FROM notes WHERE id IN (3, 4); UPDATE notes SET body = 'edited' WHERE id = 5; "
            "INSERT INTO notes VALUES (11, 'note 11');");
  const json::object incremental = sync("incremental");
  ASSERT_EQ(text(incremental, "status"), "completed") << text(incremental, "error");
  EXPECT_EQ(incremental.at("indexed_document_count").to_number<int>(), 2);  // 5 and 11
  EXPECT_EQ(incremental.at("deleted_document_count").to_number<int>(), 0);
  auto documents = index_documents();
  EXPECT_EQ(documents.size(), 11u);  // 3 and 4 are still there: a deleted row leaves nothing to find
  EXPECT_TRUE(documents.contains("xe_public_notes_3"));
  EXPECT_EQ(text(documents.at("xe_public_notes_5"), "public_notes_body"), "edited");

  const json::object full = sync("full");
  ASSERT_EQ(text(full, "status"), "completed") << text(full, "error");
  EXPECT_EQ(full.at("deleted_document_count").to_number<int>(), 2);
  std::vector<std::string> ids;
  for (const auto& [id, document] : index_documents()) ids.push_back(id);
  EXPECT_EQ(ids, (std::vector<std::string>{"xe_public_notes_1", "xe_public_notes_10", "xe_public_notes_11",
                                           "xe_public_notes_2", "xe_public_notes_5", "xe_public_notes_6",
                                           "xe_public_notes_7", "xe_public_notes_8", "xe_public_notes_9"}));
}

TEST_F(PostgresSyncTest, WithoutCommitTimestampsFullSyncsWorkAndIncrementalJobsSayWhatToDo) {
  PostgresOptions options;
  options.track_commit_timestamp = false;
  const PostgresServer untracked = PostgresServer::start(options);
  untracked.exec("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a'), (2, 'b');");
  configure(json::serialize(json::object{{"host", untracked.host()},
                                         {"port", untracked.port()},
                                         {"username", untracked.admin_user()},
                                         {"password", untracked.admin_password()},
                                         {"database", untracked.database()},
                                         {"schema", "public"},
                                         {"tables", "*"}}),
            pg_connector_, "postgresql");
  service::ConnectorPass(*context_).run({});

  const json::object full = sync("full");
  ASSERT_EQ(text(full, "status"), "completed") << text(full, "error");
  EXPECT_EQ(kibana_->count(pg_index_, {}), 2);
  // The cursor says commit timestamps were off, so no incremental sync can trust it.
  EXPECT_TRUE(connector(pg_connector_).at("sync_cursor").at("commit_probe").is_null());

  untracked.exec("UPDATE t SET v = 'changed' WHERE id = 1");
  const json::object incremental = sync("incremental");
  EXPECT_EQ(text(incremental, "status"), "error");
  EXPECT_THAT(text(incremental, "error"),
              ::testing::StartsWith("IncrementalSyncNotAvailable: Incremental syncs need "
                                    "track_commit_timestamp = on"));
  EXPECT_EQ(incremental.at("indexed_document_count").to_number<int>(), 0);
  EXPECT_EQ(text(index_documents().at("xe_public_t_1"), "public_t_v"), "a");  // nothing half-done
}

}  // namespace
}  // namespace connectors::ftest
