#pragma once
// Basic sync rules applied to documents (Elastic's BasicRuleEngine), on a job's own filtering
// snapshot:
//
//   rules: DEFAULT dropped, sorted by `order`   ->  for each document, the first matching
//   rule decides (include / exclude); no rule matches -> include
//
// A rule matches when the document has the field (top level) and:
//   starts_with / ends_with / contains   on str(value), as Python prints it
//   regex                                 Python's re.match: anchored at the start only
//   equals / < / >                        the rule's value coerced to the document value's type:
//                                         text as text, numbers as float, booleans by
//                                         true|t|yes|y|on / false|f|no|n|off
// A missing field never matches. Where Python would raise (comparing a number with text
// that is not a number, `<` on a boolean or null), the rule does not match.
//
// The document is seen as Elastic's extractor sees it: the source's fields plus `id` and the
// three pipeline flags. Pure.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace connectors::service {

class BasicRules {
 public:
  // From a filtering's `rules` (a job's `connector.filtering.rules`). Rules the validation
  // would reject are skipped. Throws InvalidFilteringError for a regex that does not compile.
  static BasicRules from_rules(const boost::json::value& rules);

  BasicRules();
  ~BasicRules();
  BasicRules(BasicRules&&) noexcept;
  BasicRules& operator=(BasicRules&&) noexcept;

  // No rule but DEFAULT: every document is included and need not be parsed.
  bool empty() const;
  std::size_t size() const;

  bool should_ingest(const boost::json::object& document) const;

 private:
  struct Rule;
  std::vector<std::unique_ptr<Rule>> rules_;
};

}  // namespace connectors::service
