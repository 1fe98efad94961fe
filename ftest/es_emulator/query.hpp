#pragma once
// The query DSL subset the emulator understands, compiled once and evaluated per document.
//
//   match_all, match_none, bool (must/filter/should/must_not, minimum_should_match),
//   term, terms, range (gt/gte/lt/lte, date math), exists, ids, prefix, wildcard,
//   match, match_phrase, constant_score.
//
// Scores are simple: a matching leaf scores its boost (default 1), bool sums its must and
// should clauses, filter and must_not contribute nothing. Nobody in this project ranks by
// relevance; the scores only keep the hit order deterministic.

#include <memory>
#include <optional>
#include <string_view>

#include <boost/json.hpp>

#include "core/clock.hpp"

namespace connectors::emulator {

struct DocContext {
  std::string_view id;
  std::string_view index;
  const boost::json::value* source = nullptr;  // parsed _source; null if the query needs none
};

class QueryNode;

class Query {
 public:
  // Throws EsError 400 parsing_exception naming the problem. `now` resolves date math.
  static Query parse(const boost::json::value& dsl, core::WallTime now);
  static Query match_all();

  // Whether evaluating needs the parsed _source (match_all and ids do not).
  bool needs_source() const;
  // The document's score if it matches.
  std::optional<double> score(const DocContext& doc) const;
  bool matches(const DocContext& doc) const { return score(doc).has_value(); }

 private:
  explicit Query(std::shared_ptr<const QueryNode> root) : root_(std::move(root)) {}
  std::shared_ptr<const QueryNode> root_;
};

}  // namespace connectors::emulator
