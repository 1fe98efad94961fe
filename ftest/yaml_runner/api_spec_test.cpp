#include "ftest/yaml_runner/api_spec.hpp"

#include <filesystem>

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

const char* kPut = R"({"connector.put":{"url":{"paths":[
  {"path":"/_connector/{connector_id}","methods":["PUT"],"parts":{"connector_id":{"type":"string"}}},
  {"path":"/_connector","methods":["PUT"]}]},"body":{"required":false}}})";
const char* kList =
    R"({"connector.list":{"url":{"paths":[{"path":"/_connector","methods":["GET"]}]},
  "params":{"from":{"type":"int"},"include_deleted":{"type":"boolean"},"index_name":{"type":"list"}}}})";
const char* kSearch = R"({"search":{"url":{"paths":[
  {"path":"/_search","methods":["GET","POST"]},
  {"path":"/{index}/_search","methods":["GET","POST"],"parts":{"index":{"type":"list"}}}]},
  "params":{"size":{"type":"number"},"q":{"type":"string","required":true}},"body":{}}})";
const char* kBulk = R"({"bulk":{"url":{"paths":[{"path":"/_bulk","methods":["POST","PUT"]}]},
  "body":{"required":true,"serialize":"bulk"}}})";
const char* kCheckIn = R"({"connector.check_in":{"url":{"paths":[
  {"path":"/_connector/{connector_id}/_check_in","methods":["PUT"],"parts":{"connector_id":{}}}]}}})";
const char* kCommon = R"({"params":{"pretty":{"type":"boolean"},"filter_path":{"type":"list"}}})";

ApiSpec spec() { return ApiSpec::from_json({kPut, kList, kSearch, kBulk, kCheckIn}, kCommon); }

json::object args(const char* text) { return json::parse(text).as_object(); }

TEST(ApiSpec, ThePathWithEveryPartSuppliedAndTheMostPartsWins) {
  const auto s = spec();
  const auto with_id =
      resolve_call(s, "connector.put", args(R"({"connector_id":"c1","body":{"a":1}})"));
  EXPECT_EQ(with_id.method, "PUT");
  EXPECT_EQ(with_id.target, "/_connector/c1");
  EXPECT_EQ(with_id.body, R"({"a":1})");
  EXPECT_EQ(with_id.content_type, "application/json");
  EXPECT_EQ(resolve_call(s, "connector.put", args("{}")).target, "/_connector");
}

TEST(ApiSpec, PartsArePercentEncodedSlashIncluded) {
  const auto s = spec();
  EXPECT_EQ(resolve_call(s, "connector.check_in", args(R"({"connector_id":"a/b c#%"})")).target,
            "/_connector/a%2Fb%20c%23%25/_check_in");
  // An empty part still selects the path, as in Elasticsearch's client.
  EXPECT_EQ(resolve_call(s, "connector.check_in", args(R"({"connector_id":""})")).target,
            "/_connector//_check_in");
}

TEST(ApiSpec, OtherKeysBecomeQueryParametersListsJoinedBooleansSpelled) {
  const auto s = spec();
  const auto call = resolve_call(
      s, "connector.list",
      args(R"({"from":5,"include_deleted":true,"index_name":["a","b c"],"pretty":false})"));
  EXPECT_EQ(call.method, "GET");
  EXPECT_EQ(call.target, "/_connector?from=5&include_deleted=true&index_name=a,b%20c&pretty=false");
  EXPECT_TRUE(call.body.empty());
}

TEST(ApiSpec, UnknownParametersAndMissingBodiesAreRefusedLikeTheClient) {
  const auto s = spec();
  EXPECT_THROW(resolve_call(s, "connector.list", args(R"({"nope":1})")), ParamError);
  EXPECT_THROW(resolve_call(s, "no.such.api", args("{}")), ParamError);
  EXPECT_THROW(resolve_call(s, "bulk", args("{}")), ParamError);
  EXPECT_THROW(resolve_call(s, "connector.check_in", args(R"({"connector_id":"x","body":{}})")),
               ParamError);
  EXPECT_THROW(resolve_call(s, "search", args(R"({"size":1})")), ParamError);   // q is required
  EXPECT_THROW(resolve_call(s, "connector.check_in", args("{}")), ParamError);  // no path fits
}

TEST(ApiSpec, ABodyPrefersAMethodThatCarriesOne) {
  const auto s = spec();
  EXPECT_EQ(resolve_call(s, "search", args(R"({"q":"x"})")).method, "GET");
  const auto with_body =
      resolve_call(s, "search", args(R"({"q":"x","index":"i","body":{"size":0}})"));
  EXPECT_EQ(with_body.method, "POST");
  EXPECT_EQ(with_body.target, "/i/_search?q=x");
}

TEST(ApiSpec, BulkBodiesAreNdjsonWithATrailingNewline) {
  const auto s = spec();
  const auto call = resolve_call(
      s, "bulk", args(R"({"body":[{"index":{"_index":"i"}},{"a":1},"{\"delete\":{}}"]})"));
  EXPECT_EQ(call.body, "{\"index\":{\"_index\":\"i\"}}\n{\"a\":1}\n{\"delete\":{}}\n");
  EXPECT_EQ(call.content_type, "application/x-ndjson");
}

TEST(ApiSpec, IgnoreIsAClientParameter) {
  const auto s = spec();
  const auto call = resolve_call(s, "connector.list", args(R"({"ignore":[404,409]})"));
  EXPECT_EQ(call.target, "/_connector");
  EXPECT_EQ(call.ignore, (std::set<unsigned>{404, 409}));
}

TEST(ApiSpec, LoadsTheRealSpecWhenPresent) {
  const std::string dir = std::string(CONNECTORS_ES_SPEC_DIR) + "/api";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no es-spec at " << dir;
  const auto real = ApiSpec::load(dir);
  EXPECT_GE(real.size(), 56u);
  ASSERT_NE(real.find("connector.sync_job_claim"), nullptr);
  EXPECT_TRUE(real.is_global_param("filter_path"));
  const auto call =
      resolve_call(real, "connector.sync_job_claim",
                   args(R"({"connector_sync_job_id":"j","body":{"worker_hostname":"h"}})"));
  EXPECT_EQ(call.method, "PUT");
  EXPECT_EQ(call.target, "/_connector/_sync_job/j/_claim");
}

TEST(ApiSpec, ParamText) {
  EXPECT_EQ(param_text(json::value(1.5)), "1.5");
  EXPECT_EQ(param_text(json::value(false)), "false");
  EXPECT_EQ(param_text(json::parse(R"(["a",2])")), "a,2");
}

}  // namespace
}  // namespace connectors::yaml_runner
