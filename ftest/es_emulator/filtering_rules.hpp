#pragma once
// Connector filtering (sync rules) documents: parsing and normalising what the
// _filtering endpoints accept, as Elasticsearch's FilteringRule, FilteringAdvancedSnippet,
// FilteringValidationInfo and ConnectorFiltering classes do.
//
// Draft rule normalisation (sortFilteringRulesByOrder): non-default rules sorted by order;
// the DEFAULT rule (id DEFAULT, field "_", include, regex ".*") always last with
// order = last order + 1 (0 when alone), added when missing, its created_at kept and used
// for updated_at too. Instants are re-printed the way Elasticsearch stores them.

#include <string>

#include <boost/json.hpp>

namespace connectors::emulator {

// Each throws EsError 400 (x_content_parse_exception) naming the bad field. `now` is the
// formatted instant used for missing timestamps.
boost::json::object parse_filtering_rule(const boost::json::value& rule, const std::string& now);
boost::json::object parse_advanced_snippet(const boost::json::value& snippet,
                                           const std::string& now);
boost::json::object parse_validation_info(const boost::json::value& validation);
// {"advanced_snippet", "rules", "validation"}
boost::json::object parse_filtering_rules(const boost::json::value& rules, const std::string& now);
// The whole `filtering` array of PUT _filtering {"filtering": [...]}.
boost::json::array parse_filtering_list(const boost::json::value& list, const std::string& now);

boost::json::array sort_filtering_rules(const boost::json::array& rules, const std::string& now);
bool is_default_rule(const boost::json::object& rule);
boost::json::object default_rule(const std::string& timestamp, std::int64_t order);
// The single DEFAULT-domain entry a new connector gets.
boost::json::array default_filtering(const std::string& now);

}  // namespace connectors::emulator
