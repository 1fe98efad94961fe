#include "ftest/es_emulator/security.hpp"

#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"
#include "ftest/es_emulator/privileges.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

using testing::at;

std::string basic(const std::string& credentials) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < credentials.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(credentials[i]) << 16) |
                       (static_cast<unsigned char>(credentials[i + 1]) << 8) |
                       static_cast<unsigned char>(credentials[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(n >> s) & 63];
  }
  const std::size_t rest = credentials.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(credentials[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(credentials[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return "Basic " + out;
}

const std::string kAdmin = basic("entsearch-admin:entsearch-admin-password");
const std::string kUser = basic("entsearch-user:entsearch-user-password");
const std::string kUnprivileged = basic("entsearch-unprivileged:entsearch-unprivileged-password");

TEST(Base64, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(base64_decode("ZW50c2VhcmNoLXVzZXI6ZW50c2VhcmNoLXVzZXItcGFzc3dvcmQ="),
            "entsearch-user:entsearch-user-password");
  EXPECT_EQ(base64_decode("YWI"), "ab");
  EXPECT_FALSE(base64_decode("a!b="));
}

TEST(Privileges, NarrowestFirstAsElasticsearchListsThem) {
  EXPECT_EQ(privileges_granting(PrivilegeKind::Index, "indices:data/write/index:op_type/create"),
            (std::vector<std::string>{"create_doc", "create", "index", "write", "all"}));
  EXPECT_EQ(privileges_granting(PrivilegeKind::Index, "indices:data/read/search"),
            (std::vector<std::string>{"read", "all"}));
  EXPECT_EQ(privileges_granting(PrivilegeKind::Index, "indices:admin/create"),
            (std::vector<std::string>{"create_index", "manage", "all"}));
  EXPECT_EQ(privileges_granting(PrivilegeKind::Cluster, "cluster:monitor/main"),
            (std::vector<std::string>{"monitor", "manage", "all"}));
  EXPECT_FALSE(
      privilege_grants(PrivilegeKind::Cluster, "manage", "cluster:admin/xpack/security/user/put"));
  EXPECT_TRUE(
      privilege_grants(PrivilegeKind::Cluster, "all", "cluster:admin/xpack/security/user/put"));
}

TEST(Security, AuthenticatesTheTestClusterUsers) {
  const Security security = Security::test_cluster();
  EXPECT_EQ(security.authenticate(kAdmin, "/").name, "entsearch-admin");
  try {
    security.authenticate("", "/_connector?x=1");
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 401u);
    EXPECT_EQ(e.reason(), "missing authentication credentials for REST request [/_connector?x=1]");
    ASSERT_EQ(e.headers().size(), 1u);
    EXPECT_EQ(e.headers()[0].second,
              (std::vector<std::string>{"Basic realm=\"security\", charset=\"UTF-8\"", "ApiKey"}));
  }
  try {
    security.authenticate(basic("entsearch-unprivileged:entsearch-unprivileged-user"),
                          "/_connector/_secret");
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.reason(),
              "unable to authenticate user [entsearch-unprivileged] for REST request "
              "[/_connector/_secret]");
  }
  EXPECT_THROW(security.authenticate("Bearer abc", "/"), EsError);
}

TEST(Security, AuthorizesByRoleWithElasticsearchsDenialText) {
  const Security security = Security::test_cluster();
  const User& user = security.authenticate(kUser, "/");
  EXPECT_FALSE(security.authorize(user, "indices:data/read/xpack/connector/list",
                                  {".elastic-connectors-v1"}));
  EXPECT_FALSE(security.authorize(user, "cluster:admin/xpack/connector/secret/post", {}));
  const auto denied = security.authorize(user, "indices:data/write/xpack/connector/put",
                                         {".elastic-connectors-v1"});
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status(), 403u);
  EXPECT_EQ(
      denied->reason(),
      "action [indices:data/write/xpack/connector/put] is unauthorized for user [entsearch-user] "
      "with effective roles [user] on indices [.elastic-connectors-v1], this action is granted by "
      "the index privileges [write,all]");
  const auto cluster = security.authorize(user, "cluster:admin/ingest/pipeline/put", {});
  ASSERT_TRUE(cluster);
  EXPECT_EQ(
      cluster->reason(),
      "action [cluster:admin/ingest/pipeline/put] is unauthorized for user [entsearch-user] with "
      "effective roles [user], this action is granted by the cluster privileges "
      "[manage_ingest_pipelines,manage,all]");
  const User& admin = security.authenticate(kAdmin, "/");
  EXPECT_FALSE(security.authorize(admin, "indices:data/write/index", {"test-1"}));
  EXPECT_TRUE(security.authorize(admin, "indices:data/write/index", {"test-1", "other"}));
  EXPECT_FALSE(security.authorize(admin, "indices:data/read/search", {}));  // any index
}

// The router with --security: 401 before everything, then parameters, then 403.
class SecureRouterTest : public ::testing::Test {
 protected:
  SecureRouterTest() : cluster_(clock_, ClusterConfig{}, 42), router_(cluster_, &security_) {}

  Response call(Method method, const std::string& target, const std::string& authorization,
                const std::string& body = "") {
    Request request = Request::make(method, target, body);
    request.authorization = authorization;
    return router_.handle(request);
  }

  core::testing::ManualClock clock_;
  Security security_ = Security::test_cluster();
  Cluster cluster_;
  Router router_;
};

TEST_F(SecureRouterTest, OrderOfChecks) {
  const Response missing = call(Method::Get, "/_connector?nope=1", "");
  EXPECT_EQ(missing.status, 401u);
  EXPECT_EQ(std::count_if(missing.headers.begin(), missing.headers.end(),
                          [](const auto& h) { return h.first == "WWW-Authenticate"; }),
            2);
  EXPECT_EQ(call(Method::Get, "/_connector?nope=1", kUnprivileged).status, 400u);
  const Response forbidden = call(Method::Get, "/_connector", kUnprivileged);
  EXPECT_EQ(forbidden.status, 403u);
  const auto body = boost::json::parse(forbidden.body);
  EXPECT_EQ(at(body, "error.root_cause.0.type"), "security_exception");
  EXPECT_EQ(call(Method::Get, "/_connector", kUser).status, 200u);
  // An unknown path is answered before authentication, as in Elasticsearch.
  EXPECT_EQ(call(Method::Get, "/_nothing/here", "").status, 400u);
  // es-emulator's control plane needs no credentials.
  EXPECT_EQ(call(Method::Get, "/_emulator/stats", "").status, 200u);
}

TEST_F(SecureRouterTest, BulkItemsAreAuthorizedOneByOne) {
  const Response r = call(Method::Post, "/_bulk", kAdmin,
                          "{\"index\":{\"_index\":\"test-a\",\"_id\":\"1\"}}\n{}\n"
                          "{\"create\":{\"_index\":\"elsewhere\",\"_id\":\"1\"}}\n{}\n");
  ASSERT_EQ(r.status, 200u);
  const auto body = boost::json::parse(r.body);
  EXPECT_EQ(at(body, "errors"), true);
  EXPECT_EQ(at(body, "items.0.index.status"), 201);
  EXPECT_EQ(at(body, "items.1.create.status"), 403);
  EXPECT_EQ(
      at(body, "items.1.create.error.reason"),
      "action [indices:data/write/index:op_type/create] is unauthorized for user [entsearch-admin] "
      "with effective roles [admin] on indices [elsewhere], this action is granted by the index "
      "privileges [create_doc,create,index,write,all]");
  EXPECT_EQ(call(Method::Post, "/_bulk", kUnprivileged, "{\"index\":{\"_index\":\"test-a\"}}\n{}\n")
                .status,
            200u);
}

}  // namespace
}  // namespace connectors::emulator
