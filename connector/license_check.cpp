#include "connector/license_check.hpp"

#include <cctype>

namespace connectors::service {
namespace json = boost::json;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view to_string(License license) {
  switch (license) {
    case License::kBasic: return "basic";
    case License::kGold: return "gold";
    case License::kPlatinum: return "platinum";
    case License::kEnterprise: return "enterprise";
    case License::kTrial: return "trial";
    case License::kExpired: return "expired";
  }
  return "basic";
}

License parse_license(const json::value& response) {
  const json::value* license = response.is_object() ? response.get_object().if_contains("license") : nullptr;
  if (!license || !license->is_object()) return License::kBasic;
  const json::object& l = license->get_object();
  if (const auto* status = l.if_contains("status"); status && status->is_string() &&
                                                    lower(status->get_string()) == "expired") {
    return License::kExpired;
  }
  const auto* type = l.if_contains("type");
  const std::string t = type && type->is_string() ? lower(type->get_string()) : "basic";
  if (t == "gold") return License::kGold;
  if (t == "platinum") return License::kPlatinum;
  if (t == "enterprise") return License::kEnterprise;
  if (t == "trial") return License::kTrial;
  return License::kBasic;
}

bool license_allows(License actual, License required) {
  if (actual == License::kExpired) return false;
  return static_cast<int>(actual) >= static_cast<int>(required);
}

License fetch_license(protocol::EsClient& es, std::stop_token stop) {
  return parse_license(es.request_json(protocol::HttpMethod::kGet, "/_license", {}, {}, stop));
}

std::string license_message(License required, License actual) {
  return "Minimum required Elasticsearch license: '" + std::string(to_string(required)) + "'. Actual license: '" +
         std::string(to_string(actual)) + "'.";
}

}  // namespace connectors::service
