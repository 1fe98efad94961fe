#pragma once
// The Elasticsearch license, for what Elastic reserves to paid licenses (document-level
// security): GET /_license -> license.type / license.status, ranked as Elastic's service
// ranks them: basic < gold < platinum < enterprise < trial; an expired license counts as none.

#include <stop_token>
#include <string>

#include <boost/json/value.hpp>

#include "protocol/es_client.hpp"

namespace connectors::service {

enum class License { kBasic, kGold, kPlatinum, kEnterprise, kTrial, kExpired };

std::string_view to_string(License license);

// From a GET /_license answer. Pure; unknown types read as basic.
License parse_license(const boost::json::value& response);

// Whether `actual` is at least `required` (never for an expired license).
bool license_allows(License actual, License required);

// GET /_license.
License fetch_license(protocol::EsClient& es, std::stop_token stop);

// Elastic's log line when a license is too low:
// "Minimum required Elasticsearch license: 'platinum'. Actual license: 'basic'."
std::string license_message(License required, License actual);

}  // namespace connectors::service
