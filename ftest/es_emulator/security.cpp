#include "ftest/es_emulator/security.hpp"

#include <algorithm>
#include <cctype>

#include <boost/algorithm/string/join.hpp>

#include "ftest/es_emulator/privileges.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {
namespace {

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const auto a = static_cast<unsigned char>(text[i]);
    const auto b = static_cast<unsigned char>(prefix[i]);
    if (std::tolower(a) != std::tolower(b)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  const auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

EsError authentication_failed(std::string reason) {
  EsError error(401, "security_exception", std::move(reason));
  error.with_header("WWW-Authenticate", std::string(kBasicChallenge));
  error.with_header("WWW-Authenticate", std::string(kApiKeyChallenge));
  return error;
}

Security Security::test_cluster() {
  std::vector<Role> roles = {
      {"superuser", {"all"}, {{{"*"}, {"all"}}}},
      {"admin",
       {"manage_search_application", "manage_behavioral_analytics", "manage", "monitor"},
       {{{"test-*", "another-test-search-application", ".elastic-connectors-v1",
          ".elastic-connectors-sync-jobs-v1"},
         {"manage", "write", "read"}}}},
      {"user",
       {"post_behavioral_analytics_event", "manage_api_key", "read_connector_secrets",
        "write_connector_secrets"},
       {{{"test-index1", "test-search-application", "test-search-application-1",
          "test-search-application-with-aggs", "test-search-application-with-list",
          "test-search-application-with-list-invalid", ".elastic-connectors-v1",
          ".elastic-connectors-sync-jobs-v1"},
         {"read"}}}},
      {"unprivileged",
       {},
       {{{"test-*", "another-test-search-application"}, {"manage", "write", "read"}}}},
  };
  std::vector<User> users = {
      {"entsearch-superuser", "entsearch-superuser-password", {"superuser"}},
      {"entsearch-admin", "entsearch-admin-password", {"admin"}},
      {"entsearch-user", "entsearch-user-password", {"user"}},
      {"entsearch-unprivileged", "entsearch-unprivileged-password", {"unprivileged"}},
  };
  return Security(std::move(users), std::move(roles));
}

Security::Security(std::vector<User> users, std::vector<Role> roles)
    : users_(std::move(users)), roles_(std::move(roles)) {
  for (auto& user : users_) std::sort(user.roles.begin(), user.roles.end());
}

const User& Security::authenticate(std::string_view authorization, std::string_view uri) const {
  const std::string request = "REST request [" + std::string(uri) + "]";
  if (authorization.empty()) {
    throw authentication_failed("missing authentication credentials for " + request);
  }
  constexpr std::string_view kBasic = "Basic ";
  if (!iequals_prefix(authorization, kBasic)) {
    throw authentication_failed(
        "unable to authenticate with provided credentials and anonymous access is not allowed "
        "for this request");
  }
  std::string_view encoded = authorization.substr(kBasic.size());
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  const auto decoded = base64_decode(encoded);
  const auto colon = decoded ? decoded->find(':') : std::string::npos;
  if (!decoded || colon == std::string::npos) {
    throw authentication_failed("missing authentication credentials for " + request);
  }
  const std::string name = decoded->substr(0, colon);
  const std::string password = decoded->substr(colon + 1);
  for (const auto& user : users_) {
    if (user.name == name && user.password == password) return user;
  }
  throw authentication_failed("unable to authenticate user [" + name + "] for " + request);
}

const Role* Security::role(const std::string& name) const {
  for (const auto& r : roles_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

bool Security::cluster_allows(const User& user, std::string_view action) const {
  for (const auto& name : user.roles) {
    const Role* r = role(name);
    if (!r) continue;
    for (const auto& privilege : r->cluster) {
      if (privilege_grants(PrivilegeKind::Cluster, privilege, action)) return true;
    }
  }
  return false;
}

bool Security::index_allows(const User& user, std::string_view action,
                            const std::string& index) const {
  for (const auto& name : user.roles) {
    const Role* r = role(name);
    if (!r) continue;
    for (const auto& grant : r->indices) {
      const bool named =
          std::any_of(grant.names.begin(), grant.names.end(),
                      [&](const std::string& p) { return wildcard_match(p, index); });
      if (!named) continue;
      for (const auto& privilege : grant.privileges) {
        if (privilege_grants(PrivilegeKind::Index, privilege, action)) return true;
      }
    }
  }
  return false;
}

EsError Security::denied(const User& user, std::string_view action,
                         const std::string& context) const {
  std::string reason = "action [" + std::string(action) + "] is unauthorized for user [" +
                       user.name + "] with effective roles [" +
                       boost::algorithm::join(user.roles, ",") + "]";
  if (!context.empty()) reason += " " + context;
  const auto kind = is_index_action(action) ? PrivilegeKind::Index : PrivilegeKind::Cluster;
  const auto privileges = privileges_granting(kind, action);
  if (!privileges.empty()) {
    reason += std::string(", this action is granted by the ") +
              (kind == PrivilegeKind::Index ? "index" : "cluster") + " privileges [" +
              boost::algorithm::join(privileges, ",") + "]";
  }
  return EsError(403, "security_exception", std::move(reason));
}

std::optional<EsError> Security::authorize(const User& user, std::string_view action,
                                           const std::vector<std::string>& indices) const {
  if (!is_index_action(action)) {
    if (cluster_allows(user, action)) return std::nullopt;
    return denied(user, action, "");
  }
  if (indices.empty()) {
    // "Any index": a request whose indices are resolved against what the user may see.
    for (const auto& name : user.roles) {
      const Role* r = role(name);
      if (!r) continue;
      for (const auto& grant : r->indices) {
        for (const auto& privilege : grant.privileges) {
          if (privilege_grants(PrivilegeKind::Index, privilege, action)) return std::nullopt;
        }
      }
    }
    return denied(user, action, "");
  }
  std::vector<std::string> refused;
  for (const auto& index : indices) {
    // A pattern is resolved against the authorized indices in Elasticsearch; here it is
    // allowed when some grant of the user could cover part of it.
    const bool allowed = index.find('*') != std::string::npos
                             ? !authorize(user, action, {}).has_value()
                             : index_allows(user, action, index);
    if (!allowed) refused.push_back(index);
  }
  if (refused.empty()) return std::nullopt;
  return denied(user, action, "on indices [" + boost::algorithm::join(refused, ",") + "]");
}

}  // namespace connectors::emulator
