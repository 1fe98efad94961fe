#include "ftest/es_emulator/fault_injector.hpp"

#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;
using testing::at;

const FaultTarget kBulk{Method::Post, "/_bulk", "bulk"};
const FaultTarget kSearch{Method::Get, "/i/_search", "search"};

// The sequence of decisions `requests` matching requests get.
std::string decisions(FaultInjector& faults, int requests, const FaultTarget& target = kBulk) {
  std::string out;
  for (int i = 0; i < requests; ++i) {
    const FaultPlan plan = faults.plan(target);
    out += plan.action == FaultPlan::Action::Status ? 'X' : '.';
  }
  return out;
}

TEST(FaultInjector, ASeededRunRepeatsExactly) {
  const auto body =
      json::parse(R"({"seed":1234,"faults":[{"kind":"status","status":429,"share":0.3}]})");
  FaultInjector a;
  FaultInjector b;
  a.replace(body);
  b.replace(body);
  const std::string first = decisions(a, 200);
  EXPECT_EQ(first, decisions(b, 200));
  // A share of 0.3 fires about 30% of the time, not never and not always.
  const auto fired = std::count(first.begin(), first.end(), 'X');
  EXPECT_GT(fired, 35);
  EXPECT_LT(fired, 85);
  // Replacing the faults with the same definition starts the same sequence again.
  a.replace(body);
  EXPECT_EQ(decisions(a, 200), first);
  // Another seed, another sequence.
  FaultInjector c;
  c.replace(json::parse(R"({"seed":99,"faults":[{"kind":"status","status":429,"share":0.3}]})"));
  EXPECT_NE(decisions(c, 200), first);
}

TEST(FaultInjector, CountLimitsAndScopeSelects) {
  FaultInjector faults;
  faults.replace(json::parse(
      R"({"faults":[{"kind":"status","status":503,"count":2,"scope":{"endpoint":"bulk","method":"POST"}}]})"));
  EXPECT_EQ(decisions(faults, 4), "XX..");
  EXPECT_EQ(decisions(faults, 2, kSearch), "..");
  const auto described = faults.describe();
  EXPECT_EQ(at(described, "faults.0.fired"), 2);
  EXPECT_EQ(at(described, "faults.0.matched"), 4);
  EXPECT_EQ(at(described, "faults.0.remaining"), 0);
  faults.replace(json::parse(R"({"kind":"status","status":429,"scope":{"path":"/i/*"}})"));
  EXPECT_EQ(decisions(faults, 1, kSearch), "X");
  EXPECT_EQ(decisions(faults, 1, kBulk), ".");
  // The control plane is never faulted.
  EXPECT_EQ(decisions(faults, 1, FaultTarget{Method::Get, "/_emulator/faults", "emulator.faults"}),
            ".");
}

TEST(FaultInjector, LatenciesAddUpAndTheFirstTerminalFaultWins) {
  FaultInjector faults;
  faults.replace(json::parse(R"({"faults":[
      {"kind":"latency","latency_ms":20},{"kind":"latency","latency_ms":30},
      {"kind":"close_mid_response"},{"kind":"status","status":429}]})"));
  const FaultPlan plan = faults.plan(kBulk);
  EXPECT_EQ(plan.latency, std::chrono::milliseconds{50});
  EXPECT_EQ(plan.action, FaultPlan::Action::CloseMidResponse);
  faults.clear();
  EXPECT_FALSE(faults.active());
  EXPECT_EQ(faults.plan(kBulk).action, FaultPlan::Action::None);
}

TEST(FaultInjector, ItemRejectionsDrawPerItem) {
  FaultInjector faults;
  faults.replace(
      json::parse(R"({"seed":5,"faults":[{"kind":"reject_items","share":0.5,"count":3}]})"));
  EXPECT_EQ(faults.plan(kBulk).action, FaultPlan::Action::None);
  int rejected = 0;
  for (int i = 0; i < 50; ++i) {
    if (const auto error = faults.reject_item(kBulk, "idx")) {
      ++rejected;
      EXPECT_EQ(error->status(), 429u);
      EXPECT_EQ(error->type(), "es_rejected_execution_exception");
    }
  }
  EXPECT_EQ(rejected, 3);
}

TEST(FaultInjector, MalformedFaultsAreRefusedNamingTheField) {
  FaultInjector faults;
  const auto refused = [&](const char* text) {
    try {
      faults.replace(json::parse(text));
    } catch (const EsError& e) {
      EXPECT_EQ(e.status(), 400u);
      return e.reason();
    }
    return std::string("accepted");
  };
  EXPECT_NE(refused(R"({"kind":"explode"})").find("unknown kind"), std::string::npos);
  EXPECT_NE(refused(R"({"kind":"status","share":1.5})").find("[share]"), std::string::npos);
  EXPECT_NE(refused(R"({"kind":"status","status":200})").find("[status]"), std::string::npos);
  EXPECT_NE(refused(R"({"kind":"latency"})").find("[latency_ms]"), std::string::npos);
  EXPECT_NE(refused(R"({"kind":"status","scope":{"verb":"GET"}})").find("[verb]"),
            std::string::npos);
  EXPECT_NE(refused(R"({"faults":[{}]})").find("[kind]"), std::string::npos);
  EXPECT_EQ(refused(R"({"faults":[]})"), "accepted");
}

// The item statuses of the same _bulk requests sent to a fresh cluster with the faults set.
std::string bulk_statuses(const std::string& faults) {
  core::testing::ManualClock clock;
  Cluster cluster(clock, ClusterConfig{}, 1);
  Router router(cluster);
  router.handle(Request::make(Method::Put, "/_emulator/faults", faults));
  std::string statuses;
  for (int request = 0; request < 5; ++request) {
    std::string body;
    for (int i = 0; i < 20; ++i) {
      body += "{\"index\":{\"_index\":\"i\",\"_id\":\"" + std::to_string(request * 20 + i) +
              "\"}}\n{}\n";
    }
    const Response r =
        router.handle(Request::make(Method::Post, "/_bulk", body, "application/x-ndjson"));
    if (r.status != 200) {
      statuses += "[" + std::to_string(r.status) + "]";
      continue;
    }
    // Keep the parsed answer alive: a range-for does not extend the life of a temporary
    // that is only part of its range expression.
    const json::value answer = json::parse(r.body);
    for (const auto& item : answer.at("items").as_array()) {
      statuses += item.at("index").at("status").as_int64() == 201 ? '.' : 'X';
    }
  }
  return statuses;
}

TEST(FaultInjector, ASeededRunRepeatsExactlyThroughTheServer) {
  const std::string faults =
      R"({"seed":77,"faults":[{"kind":"reject_items","share":0.25},{"kind":"status","status":429,"share":0.3}]})";
  const std::string first = bulk_statuses(faults);
  EXPECT_EQ(first, bulk_statuses(faults));
  EXPECT_NE(first.find('X'), std::string::npos) << first;
  EXPECT_NE(first.find('.'), std::string::npos) << first;
  EXPECT_NE(
      first,
      bulk_statuses(
          R"({"seed":78,"faults":[{"kind":"reject_items","share":0.25},{"kind":"status","status":429,"share":0.3}]})"));
}

// Through the router: the control endpoint, injected answers, bulk items, clearing.
class FaultApiTest : public testing::RouterFixture {};

TEST_F(FaultApiTest, InjectedStatusesAndItemRejectionsThenClearing) {
  const auto set = json(
      Method::Put, "/_emulator/faults",
      R"({"seed":1,"faults":[{"kind":"status","status":429,"count":1,"scope":{"endpoint":"search"}},
                                               {"kind":"reject_items","count":1}]})");
  EXPECT_EQ(at(set, "faults.1.kind"), "reject_items");
  const auto rejected = json(Method::Get, "/i/_search", "", 429);
  EXPECT_EQ(at(rejected, "error.type"), "es_rejected_execution_exception");
  EXPECT_EQ(at(rejected, "status"), 429);
  json(Method::Get, "/_all/_search");  // count exhausted

  const auto bulk = json(Method::Post, "/_bulk",
                         "{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{}\n{\"index\":{\"_index\":"
                         "\"i\",\"_id\":\"2\"}}\n{}\n");
  EXPECT_EQ(at(bulk, "errors"), true);
  EXPECT_EQ(at(bulk, "items.0.index.status"), 429);
  EXPECT_EQ(at(bulk, "items.0.index.error.type"), "es_rejected_execution_exception");
  EXPECT_EQ(at(bulk, "items.1.index.status"), 201);
  // A rejected item was not written.
  json(Method::Get, "/i/_doc/1", "", 404);

  json(Method::Post, "/_emulator/faults", R"({"kind":"status","status":503})");
  EXPECT_EQ(at(json(Method::Get, "/", "", 503), "error.type"), "unavailable_shards_exception");
  json(Method::Delete, "/_emulator/faults");
  json(Method::Get, "/");
  EXPECT_EQ(at(json(Method::Get, "/_emulator/faults"), "faults").as_array().size(), 0u);
}

TEST_F(FaultApiTest, ConnectionFaultsAreDeliveryInstructionsForTheHttpShell) {
  json(
      Method::Put, "/_emulator/faults",
      R"({"faults":[{"kind":"close_before_response","count":1},{"kind":"close_mid_response","count":1},
                     {"kind":"stop_answering","latency_ms":5,"count":1},{"kind":"latency","latency_ms":7,"count":4}]})");
  const Response before = call(Method::Put, "/i/_doc/1", "{}");
  EXPECT_EQ(before.delivery, Response::Delivery::CloseBeforeResponse);
  EXPECT_EQ(before.delay, std::chrono::milliseconds{7});
  // The write happened: closing dropped the answer, not the write. This GET takes the
  // close_mid_response fault (the first request used only the first terminal fault).
  EXPECT_EQ(call(Method::Get, "/i/_doc/1").delivery, Response::Delivery::CloseMidResponse);
  const Response stop = call(Method::Put, "/i/_doc/2", "{}");
  EXPECT_EQ(stop.delivery, Response::Delivery::StopAnswering);
  EXPECT_EQ(stop.hang, std::chrono::milliseconds{5});
  EXPECT_EQ(call(Method::Get, "/i/_doc/2").status, 404u);  // a hung request is not handled
  EXPECT_EQ(call(Method::Get, "/").delivery, Response::Delivery::Normal);
}

TEST_F(FaultApiTest, StatsCountRequestsBytesAndBulkItems) {
  json(Method::Post, "/_bulk?refresh=true",
       "{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{\"a\":1}\n{\"create\":{\"_index\":\"i\",\"_"
       "id\":\"1\"}}\n{}\n"
       "{\"delete\":{\"_index\":\"i\",\"_id\":\"9\"}}\n");
  json(Method::Get, "/i/_count");
  call(Method::Get, "/nope/_count");
  const auto stats = json(Method::Get, "/_emulator/stats");
  EXPECT_EQ(at(stats, "requests.by_endpoint.bulk.count"), 1);
  EXPECT_EQ(at(stats, "requests.by_endpoint.bulk.status.2xx"), 1);
  EXPECT_EQ(at(stats, "requests.by_endpoint.count.count"), 2);
  EXPECT_EQ(at(stats, "requests.by_endpoint.count.status.4xx"), 1);
  EXPECT_EQ(at(stats, "requests.total"), 3);
  EXPECT_GT(at(stats, "bytes_in").as_int64(), 100);
  EXPECT_GT(at(stats, "bytes_out").as_int64(), 100);
  EXPECT_EQ(at(stats, "bulk.items"), 3);
  EXPECT_EQ(at(stats, "bulk.actions.index"), 1);
  EXPECT_EQ(at(stats, "bulk.results.created"), 1);
  EXPECT_EQ(at(stats, "bulk.results.not_found"), 1);
  EXPECT_EQ(at(stats, "bulk.failures.version_conflict_engine_exception"), 1);
  EXPECT_EQ(at(stats, "indices.i.docs"), 1);
  json(Method::Delete, "/_emulator/stats");
  EXPECT_EQ(at(json(Method::Get, "/_emulator/stats"), "requests.total"), 0);
}

}  // namespace
}  // namespace connectors::emulator
