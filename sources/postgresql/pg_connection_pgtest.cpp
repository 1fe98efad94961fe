#include "sources/postgresql/pg_connection.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/error.hpp"
#include "ftest/harness/postgres_test_environment.hpp"
#include "sources/postgresql/quoter.hpp"

namespace connectors::sources::postgresql {
namespace {

using namespace std::chrono_literals;

const auto* const kPostgres = ::testing::AddGlobalTestEnvironment(new ftest::PostgresTestEnvironment);

ConnectionParams admin_params() {
  auto& server = ftest::PostgresTestEnvironment::server();
  ConnectionParams params;
  params.host = server.host();
  params.port = server.port();
  params.user = server.admin_user();
  params.password = server.admin_password();
  params.database = server.database();
  params.connect_timeout = 10s;
  return params;
}

TEST(PgConnection, ConnectsAndQueries) {
  auto connection = PgConnection::connect(admin_params());
  EXPECT_TRUE(connection.usable());
  EXPECT_GE(connection.server_version(), 120000);
  const auto result = connection.query("SELECT 1+1, NULL::text, current_setting('TimeZone')");
  ASSERT_EQ(result.rows(), 1);
  EXPECT_EQ(result.value(0, 0), "2");
  EXPECT_TRUE(result.is_null(0, 1));
  EXPECT_EQ(result.value(0, 2), "UTC");  // session settings are fixed
  const std::vector<std::optional<std::string>> params = {"7", std::nullopt};
  const auto typed = connection.exec_params("SELECT $1::int4 * 6, $2::text IS NULL", params,
                                            ResultFormat::kBinary);
  EXPECT_EQ(typed.value(0, 0), std::string("\0\0\0\x2a", 4));
  EXPECT_EQ(typed.value(0, 1), std::string("\x01", 1));
}

TEST(PgConnection, NothingTheConnectionRunsCanWrite) {
  // Even a superuser, even outside an explicit transaction: the session is read-only.
  PgConnection conn = PgConnection::connect(admin_params());
  std::optional<PgError> error;
  EXPECT_FALSE(conn.try_query("CREATE TABLE written_by_the_source (id int)", error));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->sqlstate(), "25006");
  EXPECT_TRUE(error->permanent());
  EXPECT_EQ(conn.query("SHOW default_transaction_read_only").text(0, 0), "on");
}

TEST(PgConnection, DescribeReturnsTheColumnsWithoutRunning) {
  PgConnection conn = PgConnection::connect(admin_params());
  const auto columns = conn.describe("SELECT 1 AS one, 'x'::text AS \"Two\", now() AS three; -- a comment");
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0].name, "one");
  EXPECT_EQ(columns[0].type_oid, 23u);
  EXPECT_EQ(columns[1].name, "Two");
  EXPECT_EQ(columns[1].type_oid, 25u);
  EXPECT_EQ(columns[2].type_oid, 1184u);
  EXPECT_TRUE(conn.describe("SET search_path TO public").empty());
  try {
    conn.describe("SELECT 1; SELECT 2");
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "42601");  // cannot insert multiple commands into a prepared statement
  }
  EXPECT_TRUE(conn.usable());
  EXPECT_EQ(conn.query("SELECT 3").text(0, 0), "3");
}

TEST(PgConnection, LibpqQuotingMatchesStandardQuoter) {
  auto connection = PgConnection::connect(admin_params());
  const StandardQuoter standard;
  for (const std::string text : {"plain", "Upper", "a\"b", "it's", "back\\slash", "x'\\\"y", "",
                                 "h\xc3\xa9llo", "spa ce"}) {
    EXPECT_EQ(connection.quote_identifier(text), standard.quote_identifier(text)) << text;
    EXPECT_EQ(connection.quote_literal(text), standard.quote_literal(text)) << text;
    // And the server reads them back as the same text.
    const auto result = connection.query("SELECT " + connection.quote_literal(text));
    EXPECT_EQ(result.value(0, 0), text);
  }
}

TEST(PgConnection, ServerErrorsCarrySqlstateAndLeaveTheConnectionUsable) {
  auto connection = PgConnection::connect(admin_params());
  std::optional<PgError> error;
  const auto result = connection.try_query("SELECT * FROM no_such_table", error);
  EXPECT_FALSE(result.has_value());
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->sqlstate(), "42P01");
  EXPECT_TRUE(error->permanent());
  EXPECT_EQ(error->message(), "relation \"no_such_table\" does not exist");
  EXPECT_THROW(connection.query("SELEC 1"), PgError);
  EXPECT_TRUE(connection.usable());
  EXPECT_EQ(connection.query("SELECT 3").value(0, 0), "3");
}

TEST(PgConnection, WrongPasswordIsPermanentAndNeverShowsThePassword) {
  auto params = admin_params();
  params.password = "S3cret-Not-This-One";
  try {
    PgConnection::connect(params);
    FAIL() << "expected a failure";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "28P01");
    EXPECT_TRUE(e.permanent());
    EXPECT_NE(e.message().find("password authentication failed"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("S3cret"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("LOCATION"), std::string::npos) << e.what();
  }
}

TEST(PgConnection, MissingDatabaseIsPermanentAndClosedPortTransient) {
  auto params = admin_params();
  params.database = "no_such_db";
  try {
    PgConnection::connect(params);
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "3D000");
    EXPECT_TRUE(e.permanent());
  }
  params = admin_params();
  params.port = ftest::find_free_port();
  try {
    PgConnection::connect(params);
    FAIL();
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "");
    EXPECT_FALSE(e.permanent());
    EXPECT_NE(e.message().find("Connection refused"), std::string::npos) << e.what();
  }
}

TEST(PgConnection, CopyOutHandsOverEveryMessage) {
  auto connection = PgConnection::connect(admin_params());
  std::uint64_t bytes = 0;
  const auto messages = connection.copy_out(
      "COPY (SELECT g FROM generate_series(1, 1000) g) TO STDOUT (FORMAT binary)",
      [&](std::string_view chunk) { bytes += chunk.size(); });
  // The header rides with the first row, the trailer comes alone.
  EXPECT_EQ(messages, 1001u);
  EXPECT_EQ(bytes, 19u + 1000u * (2 + 4 + 4) + 2u);
  EXPECT_TRUE(connection.usable());
  EXPECT_THROW(connection.copy_out("COPY (SELECT * FROM no_such_table) TO STDOUT", [](std::string_view) {}),
               PgError);
  EXPECT_TRUE(connection.usable());
}

TEST(PgConnection, AThrowingHandlerLeavesTheConnectionUnusable) {
  auto connection = PgConnection::connect(admin_params());
  EXPECT_THROW(connection.copy_out("COPY (SELECT generate_series(1, 10)) TO STDOUT",
                                   [](std::string_view) { throw std::runtime_error("sink full"); }),
               std::runtime_error);
  EXPECT_FALSE(connection.usable());
  EXPECT_THROW(connection.query("SELECT 1"), PgError);
}

TEST(PgConnection, StopCancelsABlockedStatementPromptly) {
  auto connection = PgConnection::connect(admin_params());
  std::stop_source stop;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(300ms);
    stop.request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(connection.copy_out("COPY (SELECT pg_sleep(30)) TO STDOUT", [](std::string_view) {},
                                   stop.get_token()),
               core::StopRequested);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);

  auto second = PgConnection::connect(admin_params());
  std::stop_source stop2;
  std::jthread stopper2([&] {
    std::this_thread::sleep_for(300ms);
    stop2.request_stop();
  });
  const auto started2 = std::chrono::steady_clock::now();
  EXPECT_THROW(second.query("SELECT pg_sleep(30)", stop2.get_token()), core::StopRequested);
  EXPECT_LT(std::chrono::steady_clock::now() - started2, 5s);
}

}  // namespace
}  // namespace connectors::sources::postgresql
