#pragma once
// --security: the users and roles of Elasticsearch's ent-search YAML test cluster, Basic
// authentication and role-based authorization, with Elasticsearch's answers.
//
//   Authorization: Basic base64(user:password)
//     --authenticate--> User | 401 security_exception + WWW-Authenticate
//     --authorize(action, indices)--> ok | 403 security_exception
//
// Users (passwords are the test cluster's, see shared/es-spec/README.md §4):
//   entsearch-superuser  superuser     everything
//   entsearch-admin      admin         manage/monitor the cluster; manage, write, read on
//                                      test-*, another-test-search-application and the
//                                      two connector indices
//   entsearch-user       user          read on the connector indices (and a few test-*
//                                      names); read/write_connector_secrets
//   entsearch-unprivileged unprivileged  manage, write, read on test-* only
// (roles as in shared/es-spec/yaml-tests/_support/roles.yml.)
//
// The connector API's actions are index actions on .elastic-connectors-v1 and
// .elastic-connectors-sync-jobs-v1, as in Elasticsearch 8.13-8.17, which is what that
// roles file is written for; the secret API's are cluster actions.
//
// 401 reasons: "missing authentication credentials for REST request [uri]" without an
// Authorization header, "unable to authenticate user [name] for REST request [uri]" for a
// wrong password or an unknown user. 403: "action [a] is unauthorized for user [u] with
// effective roles [r] [on indices [i]], this action is granted by the index privileges
// [p1,p2]".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {

struct IndexGrant {
  std::vector<std::string> names;  // patterns with '*'
  std::vector<std::string> privileges;
};

struct Role {
  std::string name;
  std::vector<std::string> cluster;
  std::vector<IndexGrant> indices;
};

struct User {
  std::string name;
  std::string password;
  std::vector<std::string> roles;  // sorted
};

class Security {
 public:
  // The ent-search test cluster's users and roles.
  static Security test_cluster();
  Security(std::vector<User> users, std::vector<Role> roles);

  // The user an Authorization header names. Throws EsError 401. `uri` is the request
  // target as received, for the message.
  const User& authenticate(std::string_view authorization, std::string_view uri) const;

  // nullopt when the user may run `action`; otherwise the 403. For an index action,
  // `indices` are the concrete names or patterns the request targets; empty means "any
  // index": allowed when some grant of the user allows the action.
  std::optional<EsError> authorize(const User& user, std::string_view action,
                                   const std::vector<std::string>& indices) const;

 private:
  const Role* role(const std::string& name) const;
  bool cluster_allows(const User& user, std::string_view action) const;
  bool index_allows(const User& user, std::string_view action, const std::string& index) const;
  EsError denied(const User& user, std::string_view action, const std::string& context) const;

  std::vector<User> users_;
  std::vector<Role> roles_;
};

// The 401 answer, with Elasticsearch's WWW-Authenticate challenges in the body and, via the
// router, as response headers.
EsError authentication_failed(std::string reason);
inline constexpr std::string_view kBasicChallenge = "Basic realm=\"security\", charset=\"UTF-8\"";
inline constexpr std::string_view kApiKeyChallenge = "ApiKey";

// Standard base64 (padding optional); nullopt for anything else.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace connectors::emulator
