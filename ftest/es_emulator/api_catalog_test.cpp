#include "ftest/es_emulator/api_catalog.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// "/{index}/_doc/{id}" -> "/{}/_doc/{}": part names differ between the spec and the routes.
std::string normalized(std::string_view pattern) {
  std::string out;
  bool in_part = false;
  for (const char c : pattern) {
    if (c == '{') {
      in_part = true;
      out += "{}";
    } else if (c == '}') {
      in_part = false;
    } else if (!in_part) {
      out += c;
    }
  }
  return out;
}

class ApiCatalogAgainstSpec : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::string(CONNECTORS_ES_SPEC_DIR) + "/api";
    if (!fs::exists(dir_)) GTEST_SKIP() << "no REST spec at " << dir_;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      const json::value doc = json::parse(text.str());
      if (entry.path().filename() == "_common.json") {
        for (const auto& p : doc.at("params").as_object()) common_.insert(std::string(p.key()));
        continue;
      }
      for (const auto& [name, def] : doc.as_object()) apis_[std::string(name)] = def.as_object();
    }
  }
  std::string dir_;
  std::map<std::string, json::object> apis_;
  std::set<std::string> common_;
};

TEST_F(ApiCatalogAgainstSpec, ParametersAndRoutesAreTheSpecs) {
  for (const auto& entry : api_catalog()) {
    const auto it = apis_.find(std::string(entry.name));
    if (!entry.in_spec) {
      EXPECT_EQ(it, apis_.end()) << entry.name << " is in the spec: mark it in_spec and check it";
      continue;
    }
    ASSERT_NE(it, apis_.end()) << entry.name << " is marked in_spec but the spec has no such API";
    std::set<std::string> spec_params;
    if (const auto* params = it->second.if_contains("params")) {
      for (const auto& p : params->as_object()) spec_params.insert(std::string(p.key()));
    }
    const std::set<std::string> ours(entry.params.begin(), entry.params.end());
    EXPECT_EQ(ours, spec_params) << entry.name;

    std::set<std::string> spec_routes;
    for (const auto& path : it->second.at("url").at("paths").as_array()) {
      for (const auto& method : path.at("methods").as_array()) {
        spec_routes.insert(std::string(method.as_string()) + " " +
                           normalized(path.at("path").as_string()));
      }
    }
    std::set<std::string> our_routes;
    for (const auto& route : entry.routes) {
      our_routes.insert(std::string(method_name(route.method)) + " " + normalized(route.pattern));
    }
    EXPECT_EQ(our_routes, spec_routes) << entry.name;
  }
}

TEST_F(ApiCatalogAgainstSpec, EveryApiOfTheSpecIsServedButPointInTime) {
  const std::set<std::string> not_served = {"open_point_in_time", "close_point_in_time"};
  for (const auto& [name, def] : apis_) {
    const bool served = std::any_of(api_catalog().begin(), api_catalog().end(),
                                    [&](const ApiEntry& e) { return e.name == name; });
    EXPECT_EQ(served, !not_served.count(name)) << name;
  }
  std::set<std::string> common(common_params().begin(), common_params().end());
  EXPECT_EQ(common, common_);
}

class ApiCatalogRoutes : public testing::RouterFixture {};

TEST_F(ApiCatalogRoutes, EveryCatalogRouteIsRegisteredAndHasAnAction) {
  std::set<std::pair<Method, std::string_view>> seen;
  for (const auto& entry : api_catalog()) {
    EXPECT_EQ(entry.action.empty(), entry.target == AuthTarget::Open) << entry.name;
    for (const auto& route : entry.routes) {
      EXPECT_TRUE(seen.insert({route.method, route.pattern}).second)
          << route.pattern << " is listed twice";
      std::string target;
      for (const char c : normalized(route.pattern)) {
        if (c == '{') {
          target += "x1";
        } else if (c != '}') {
          target += c;
        }
      }
      const Response r = call(route.method, target);
      EXPECT_EQ(r.body.find("no handler found"), std::string::npos) << target;
      EXPECT_NE(r.status, 405u) << method_name(route.method) << " " << target << ": " << r.body;
    }
  }
  EXPECT_EQ(find_api(Method::Put, "/_connector/{connector_id}")->name, "connector.put");
  EXPECT_EQ(find_api(Method::Get, "/_connector/{connector_id}/_nothing"), nullptr);
}

TEST_F(ApiCatalogRoutes, UnknownParametersAreRefusedEverywhere) {
  const auto [type, reason] =
      error(Method::Get, "/_connector?include_deleted=true&sise=3", "", 400);
  EXPECT_EQ(type, "illegal_argument_exception");
  EXPECT_EQ(
      reason,
      "request [/_connector] contains unrecognized parameter: [sise] -> did you mean [size]?");
  EXPECT_EQ(
      error(Method::Post, "/idx/_bulk?refresh=true&pipline=p", "{\"index\":{}}\n{}\n", 400).second,
      "request [/idx/_bulk] contains unrecognized parameter: [pipline] -> did you mean "
      "[pipeline]?");
  // The common parameters are accepted by every endpoint.
  EXPECT_EQ(call(Method::Get, "/?pretty&human=true&error_trace=false&filter_path=version").status,
            200u);
  // The path in the message is decoded, without the query.
  EXPECT_EQ(error(Method::Get, "/my%2Dindex/_search?x=1", "", 400).second,
            "request [/my-index/_search] contains unrecognized parameter: [x]");
}

}  // namespace
}  // namespace connectors::emulator
