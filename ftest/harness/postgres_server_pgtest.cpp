#include "ftest/harness/postgres_server.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

namespace connectors::ftest {
namespace {

bool can_connect(const std::string& conninfo) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  return PQstatus(conn.get()) == CONNECTION_OK;
}

TEST(PostgresServer, StartsAcceptsTheAdminAndCleansUp) {
  std::string dir;
  {
    auto server = PostgresServer::start();
    dir = server.data_dir();
    EXPECT_TRUE(std::filesystem::exists(dir));
    EXPECT_EQ(server.host(), "127.0.0.1");
    EXPECT_GT(server.port(), 0);
    EXPECT_EQ(server.query_value("SELECT current_database()"), "xe");
    EXPECT_EQ(server.query_value("SELECT current_setting('track_commit_timestamp')"), "on");
    EXPECT_EQ(server.query_value("SELECT current_setting('listen_addresses')"), "127.0.0.1");
    EXPECT_EQ(server.query_value("SELECT rolsuper::text FROM pg_roles WHERE rolname = 'admin'"), "true");
    EXPECT_TRUE(can_connect(server.connection_string()));

    // TCP needs the password: the same parameters without it are refused.
    const std::string no_password = "host=127.0.0.1 port=" + std::to_string(server.port()) +
                                    " user=admin dbname=xe connect_timeout=5";
    EXPECT_FALSE(can_connect(no_password));
    const std::string wrong_password = no_password + " password=wrong";
    EXPECT_FALSE(can_connect(wrong_password));
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(PostgresServer, ExecThrowsWithTheServerMessage) {
  auto server = PostgresServer::start();
  server.exec("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
  EXPECT_EQ(server.query_value("SELECT count(*) FROM t"), "2");
  try {
    server.exec("SELECT * FROM missing_table");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("relation \"missing_table\" does not exist"), std::string::npos)
        << e.what();
  }
}

TEST(PostgresServer, OptionsTurnCommitTimestampsOffAndNameTheDatabase) {
  PostgresOptions options;
  options.track_commit_timestamp = false;
  options.database = "Other DB";
  auto server = PostgresServer::start(options);
  EXPECT_EQ(server.query_value("SELECT current_setting('track_commit_timestamp')"), "off");
  EXPECT_EQ(server.query_value("SELECT current_database()"), "Other DB");
}

TEST(PostgresServer, WithoutTheTemplateCacheRunsInitdbItself) {
  PostgresOptions options;
  options.use_template_cache = false;
  options.admin_password = "An0ther pass'word";
  auto server = PostgresServer::start(options);
  EXPECT_TRUE(can_connect(server.connection_string()));
  EXPECT_EQ(server.query_value("SELECT current_database()"), "xe");
  // initdb's own output opens the log.
  EXPECT_NE(server.log_tail(1 << 20).find("The files belonging to this database system"), std::string::npos);
}

TEST(PostgresServer, StopEndsTheServerWithinTheDeadline) {
  auto server = PostgresServer::start();
  ASSERT_TRUE(server.running());
  const auto conninfo = server.connection_string();
  server.stop();
  EXPECT_FALSE(server.running());
  EXPECT_FALSE(can_connect(conninfo + " connect_timeout=2"));
}

TEST(PostgresServer, StartupFailureReportsTheLogTail) {
  PostgresOptions options;
  options.settings = {{"shared_buffers", "not-a-size"}};
  try {
    auto server = PostgresServer::start(options);
    FAIL() << "expected the start to fail";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("postgres exited during start-up"), std::string::npos) << message;
    EXPECT_NE(message.find("shared_buffers"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace connectors::ftest
