#include "ftest/harness/held_commit.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace connectors::ftest {
namespace {

class HeldCommitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    PostgresOptions options;
    options.settings = held_commit_settings();
    server_ = new PostgresServer(PostgresServer::start(options));
    server_->exec("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'old')");
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static inline PostgresServer* server_ = nullptr;
};

TEST_F(HeldCommitTest, IsInvisibleUntilReleasedAndKeepsTheTimestampItTookWhenHeld) {
  HeldCommit held(*server_, "UPDATE t SET v = 'held' WHERE id = 1");
  EXPECT_GT(held.xid(), 2u);
  EXPECT_EQ(server_->query_value("SELECT v FROM t WHERE id = 1"), "old");
  // Other sessions commit as usual meanwhile.
  PgSession other(*server_);
  other.exec("CREATE TABLE u (id int); INSERT INTO u VALUES (1)");
  EXPECT_EQ(server_->query_value("SELECT count(*) FROM u"), "1");
  const std::string after_hold = server_->query_value("SELECT clock_timestamp()::text").value();

  held.release();
  EXPECT_EQ(server_->query_value("SELECT v FROM t WHERE id = 1"), "held");
  EXPECT_EQ(server_->query_value("SELECT xmin::text FROM t WHERE id = 1"), std::to_string(held.xid()));
  EXPECT_EQ(server_->query_value("SELECT pg_xact_commit_timestamp(xmin) < '" + after_hold +
                                 "'::timestamptz FROM t WHERE id = 1"),
            "t");
  held.release();  // once is enough
}

TEST_F(HeldCommitTest, ASessionErrorIsThrownWithTheServersMessage) {
  PgSession session(*server_);
  try {
    session.exec("SELECT * FROM no_such_table");
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
  }
  session.exec("SELECT 1");  // the session is usable afterwards
}

TEST(HeldCommitWithoutStandby, SaysWhyWhenTheServerCannotHoldCommits) {
  PostgresServer plain = PostgresServer::start();
  try {
    HeldCommit held(plain, "CREATE TABLE w (id int)", std::chrono::milliseconds{300});
    ADD_FAILURE() << "held without a standby";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("held_commit_settings"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace connectors::ftest
