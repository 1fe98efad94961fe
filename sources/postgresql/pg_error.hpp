#pragma once
// Errors from PostgreSQL and from reading what it sends, and whether retrying can help.
//
//   PgError (kind "PgError"): the server's or libpq's message, the SQLSTATE when there is one,
//   and what we were doing (the operation, the query). Never the password: libpq messages
//   do not contain it and connection parameters are never added to an error.
//
// Retry policy, by SQLSTATE class:
//   permanent   28 (invalid authorization), 42 (syntax error or access rule violation),
//               3D (invalid catalog name: the database does not exist), 22 (data exception),
//               0A (feature not supported), 25006 (a write in a read-only transaction: an
//               advanced rule that writes), and every error that is not the server's
//               (malformed COPY data)
//   transient   08 (connection exception), no SQLSTATE on a failed connection attempt,
//               40001 (serialization failure), 40P01 (deadlock), and everything else, as
//               Elastic's connector retries every error that is not a ProgrammingError.

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace connectors::sources::postgresql {

enum class PgErrorClass { kTransient, kPermanent };

PgErrorClass classify_sqlstate(std::string_view sqlstate);

class PgError : public core::Error {
 public:
  // Classified by `sqlstate`.
  PgError(std::string message, std::string sqlstate, std::string operation);
  PgError(std::string message, std::string sqlstate, std::string operation,
          PgErrorClass error_class);

  const std::string& sqlstate() const noexcept { return sqlstate_; }
  const std::string& operation() const noexcept { return operation_; }
  PgErrorClass error_class() const noexcept { return error_class_; }
  bool permanent() const noexcept { return error_class_ == PgErrorClass::kPermanent; }

 private:
  std::string sqlstate_;
  std::string operation_;
  PgErrorClass error_class_;
};

// Binary data from the server that does not have the expected shape. Retrying reads the same
// bytes, so it is permanent.
PgError malformed_data(std::string message);

// libpq's text for a failed connection attempt, read with PQERRORS_VERBOSE so that the
// server's SQLSTATE is in it ("... failed: FATAL:  28P01: password authentication failed ...
// LOCATION:  auth_failed, auth.c:335"). libpq offers no other way to get the SQLSTATE of an
// error raised while connecting.
struct LibpqMessage {
  std::string sqlstate;  // the first one found; empty when the server never answered
  std::string text;      // the message without the SQLSTATE and LOCATION lines
};
LibpqMessage parse_verbose_message(std::string_view message);

// SQLSTATEs we act on.
inline constexpr std::string_view kSqlstateObjectNotInPrerequisiteState = "55000";
inline constexpr std::string_view kSqlstateQueryCanceled = "57014";

}  // namespace connectors::sources::postgresql
