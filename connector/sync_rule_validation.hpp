#pragma once
// Validation of a filtering (sync rules): a connector's draft before it is activated, and a
// job's snapshot before it syncs. Elastic's validators, in their order and with their messages:
//
//   1. each basic rule against the schema      "data.value must be longer than or equal to 1 characters"
//   2. no match-all regex but in DEFAULT       "Basic rule 1 (id: 'a...b') uses a match all regexps ['.*', '(.*)'], which are not allowed."
//   3. no semantic duplicates (field, rule, value), both rules flagged, first pair only
//                                              "Basic rule 2 (id: '...') is semantically equal to Basic rule 1 (id: '...')."
//   4. the source's advanced-rule validators, when the snippet's value is not empty
//
// The result is what `_filtering/_validation` stores: {state: valid|invalid, errors: [{ids, messages}]}.
// Pure apart from the source's advanced validation, which may reach the source.

#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "sources/source.hpp"

namespace connectors::service {

struct FilteringValidationError {
  boost::json::array ids;  // rule ids; null for a rule without one
  std::vector<std::string> messages;
};

struct FilteringValidation {
  std::vector<FilteringValidationError> errors;

  bool valid() const { return errors.empty(); }
  void add(boost::json::value id, std::string message);
  // {"state": "valid"|"invalid", "errors": [{"ids": [...], "messages": [...]}]}
  boost::json::object to_json() const;
};

// A filtering's advanced rules (advanced_snippet.value); null when empty (none, {}, [], "").
boost::json::value advanced_rules_of(const boost::json::value& filtering);

// The basic-rule validators (1 to 3 above) on a filtering's `rules`.
FilteringValidation validate_basic_rules(const boost::json::value& rules);

// Every validator on a filtering (`{rules, advanced_snippet, validation}`). The source's
// advanced validation runs only when `source` is given (the source supports advanced rules)
// and the snippet is not empty.
FilteringValidation validate_filtering(const boost::json::value& filtering, sources::Source* source);

// A job's own filtering is invalid; the job fails with this (Elastic's InvalidFilteringError).
class InvalidFilteringError : public core::Error {
 public:
  explicit InvalidFilteringError(const FilteringValidation& validation);
  explicit InvalidFilteringError(std::string message)
      : core::Error("InvalidFilteringError", std::move(message)) {}
};

// Elastic's short name of a rule in messages: "Basic rule <order + 1> (id: '<shortened id>')".
std::string short_rule_name(const boost::json::value& order, const std::string& id);
// Elastic's shorten_str: `shorten_by` characters of the middle replaced by "...".
std::string shorten_middle(const std::string& text, std::size_t shorten_by);

}  // namespace connectors::service
