#pragma once
// Runs one advanced sync rule into a DocumentSink, as Elastic's fetch_documents_from_query,
// but streamed and read-only:
//
//   the query's shape       one statement that reads (SELECT, WITH, VALUES, TABLE), else refused
//   BEGIN REPEATABLE READ, READ ONLY
//   keys                    id_columns, or the primary keys of the rule's tables (rule order),
//                           mapped to document keys with the rule's sorted tables; none ->
//                           Elastic's "Skipping tables ..." warning
//   _timestamp              the newest commit time over the rule's tables; a table whose time
//                           is unknown (NULL, view, commit timestamps off) counts as now
//   describe the query      its result columns and types, without running it
//   columns -> TablePlan    a key missing from the result -> Elastic's "Skipping query ..."
//   COPY (\n<query>\n) TO STDOUT binary (columns needing a ::text cast: the query becomes a
//     subquery with positional column names) -> DocumentBuilder -> sink, row by row
//   COMMIT
//
// The read-only transaction is what guarantees that a rule changes nothing: INSERT, UPDATE,
// DELETE, DDL, SELECT ... FOR UPDATE, nextval() or a function that writes all fail with
// SQLSTATE 25006. Errors propagate as PgError; RuleRefused is the check done before sending.

#include <cstdint>
#include <stop_token>
#include <string>

#include "core/clock.hpp"
#include "sources/document.hpp"
#include "sources/postgresql/advanced_rules.hpp"
#include "sources/postgresql/pg_connection.hpp"
#include "sources/postgresql/table_reader.hpp"

namespace connectors::sources::postgresql {

class RuleReader {
 public:
  RuleReader(PgConnection& connection, core::Clock& clock, SyncState& state, std::string database,
             std::string schema);

  // Returns the number of documents. `emitted` counts those put into `sink`, also on throw.
  std::uint64_t read(const AdvancedRule& rule, DocumentSink& sink, std::stop_token stop, std::uint64_t& emitted);

 private:
  std::string rule_timestamp(const AdvancedRule& rule, const std::stop_token& stop);

  PgConnection& connection_;
  core::Clock& clock_;
  SyncState& state_;
  std::string database_;
  std::string schema_;
};

// The tables of a rule joined as Elastic's log lines join them ("a, b").
std::string join_tables(const std::vector<std::string>& tables);

}  // namespace connectors::sources::postgresql
