#include "core/error.hpp"

#include <gtest/gtest.h>

namespace connectors::core {
namespace {

TEST(Error, ProtocolTextIsKindColonMessage) {
  const Error e("PgError", "relation \"t\" does not exist");
  EXPECT_EQ(protocol_error_text(e), "PgError: relation \"t\" does not exist");
  EXPECT_STREQ(e.what(), "PgError: relation \"t\" does not exist");
}

TEST(Error, ContextIsAppendedInOrder) {
  Error e("PgError", "boom");
  e.add_context("table", "public.t").add_context("connector", "postgres");
  EXPECT_EQ(e.describe(), "boom (table: public.t, connector: postgres)");
  EXPECT_EQ(protocol_error_text(e), "PgError: boom (table: public.t, connector: postgres)");
  EXPECT_STREQ(e.what(), "PgError: boom (table: public.t, connector: postgres)");
}

TEST(Error, EmptyMessageGivesTheKindAlone) {
  // Elastic: "just the class name if the message is empty".
  EXPECT_EQ(protocol_error_text(Error("Timeout", "")), "Timeout");
}

TEST(Error, ForeignExceptionsKeepTheirText) {
  EXPECT_EQ(protocol_error_text(std::runtime_error("plain")), "plain");
}

TEST(Error, SurvivesRethrowAsStdException) {
  try {
    try {
      throw Error("EsError", "404");
    } catch (Error& e) {
      e.add_context("job", "j1");
      throw;
    }
  } catch (const std::exception& e) {
    EXPECT_EQ(protocol_error_text(e), "EsError: 404 (job: j1)");
  }
}

}  // namespace
}  // namespace connectors::core
