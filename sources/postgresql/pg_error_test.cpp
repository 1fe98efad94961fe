#include "sources/postgresql/pg_error.hpp"

#include <gtest/gtest.h>

namespace connectors::sources::postgresql {
namespace {

TEST(PgError, ClassifiesBySqlstateClass) {
  EXPECT_EQ(classify_sqlstate("42P01"), PgErrorClass::kPermanent);  // undefined table
  EXPECT_EQ(classify_sqlstate("42501"), PgErrorClass::kPermanent);  // insufficient privilege
  EXPECT_EQ(classify_sqlstate("25006"), PgErrorClass::kPermanent);  // a write in a read-only transaction
  EXPECT_EQ(classify_sqlstate("0A000"), PgErrorClass::kPermanent);  // feature not supported
  EXPECT_EQ(classify_sqlstate("25P02"), PgErrorClass::kTransient);
  EXPECT_EQ(classify_sqlstate("28P01"), PgErrorClass::kPermanent);  // invalid password
  EXPECT_EQ(classify_sqlstate("3D000"), PgErrorClass::kPermanent);  // no such database
  EXPECT_EQ(classify_sqlstate("08006"), PgErrorClass::kTransient);  // connection failure
  EXPECT_EQ(classify_sqlstate(""), PgErrorClass::kTransient);       // connect failed, no server answer
  EXPECT_EQ(classify_sqlstate("40001"), PgErrorClass::kTransient);  // serialization failure
  EXPECT_EQ(classify_sqlstate("40P01"), PgErrorClass::kTransient);  // deadlock
  EXPECT_EQ(classify_sqlstate("53300"), PgErrorClass::kTransient);  // too many connections
}

TEST(PgError, CarriesSqlstateAndOperationInItsContext) {
  const PgError error("relation \"x\" does not exist", "42P01", "running SELECT 1");
  EXPECT_EQ(error.kind(), "PgError");
  EXPECT_TRUE(error.permanent());
  EXPECT_EQ(error.sqlstate(), "42P01");
  EXPECT_EQ(std::string(error.what()),
            "PgError: relation \"x\" does not exist (sqlstate: 42P01, while: running SELECT 1)");
  EXPECT_TRUE(malformed_data("bad bytes").permanent());
}

TEST(PgError, ReadsTheSqlstateOfAVerboseConnectionError) {
  const auto parsed = parse_verbose_message(
      "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  28P01: password "
      "authentication failed for user \"readonly\"\nLOCATION:  auth_failed, auth.c:335\n");
  EXPECT_EQ(parsed.sqlstate, "28P01");
  EXPECT_EQ(parsed.text,
            "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password "
            "authentication failed for user \"readonly\"");
}

TEST(PgError, ConnectionErrorsWithoutAServerAnswerHaveNoSqlstate) {
  const auto parsed = parse_verbose_message(
      "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
      "\tIs the server running on that host and accepting TCP/IP connections?\n");
  EXPECT_EQ(parsed.sqlstate, "");
  EXPECT_EQ(parsed.text,
            "connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n"
            "\tIs the server running on that host and accepting TCP/IP connections?");
}

TEST(PgError, FirstSqlstateWinsAcrossAttempts) {
  const auto parsed = parse_verbose_message(
      "connection to server at \"localhost\" (::1), port 5432 failed: Connection refused\n"
      "connection to server at \"localhost\" (127.0.0.1), port 5432 failed: FATAL:  3D000: "
      "database \"nope\" does not exist\nLOCATION:  InitPostgres, postinit.c:941\n");
  EXPECT_EQ(parsed.sqlstate, "3D000");
  EXPECT_EQ(parsed.text.find("LOCATION"), std::string::npos);
  EXPECT_NE(parsed.text.find("FATAL:  database \"nope\" does not exist"), std::string::npos);
}

}  // namespace
}  // namespace connectors::sources::postgresql
