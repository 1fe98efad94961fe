#pragma once
// How SQL text gets identifiers and literals in it: always through a Quoter, never pasted.
//
// PgConnection quotes through libpq (PQescapeIdentifier / PQescapeLiteral, which know the
// connection's encoding); StandardQuoter applies the same rules without a connection, for
// planning and tests. A PostgreSQL test checks that both give the same text.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql {

class Quoter {
 public:
  virtual ~Quoter() = default;
  // "name" with embedded double quotes doubled: always quoted, so case is kept.
  virtual std::string quote_identifier(std::string_view name) const = 0;
  // 'text' with embedded single quotes doubled; with backslashes, ` E'...'` with them doubled.
  virtual std::string quote_literal(std::string_view text) const = 0;
};

// libpq's rules for a UTF-8 client encoding.
class StandardQuoter final : public Quoter {
 public:
  std::string quote_identifier(std::string_view name) const override;
  std::string quote_literal(std::string_view text) const override;
};

}  // namespace connectors::sources::postgresql
