// The `schedule` service's pass over connectors, in process against es-emulator: discovery,
// first-time configuration, heartbeat, health, draft sync rules. The numbers in the comments
// are the behaviours of connector-protocol.md §7.

#include "core/testing/manual_clock.hpp"
#include "ftest/service_test_fixture.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

class ConnectorPassTest : public ServiceTest {
 protected:
  void schedule_every_second() { kibana_->set_full_schedule(id_, true, "* * * * * ?", {}); }
};

// 2. First-time configuration: the whole default schema, needs_configuration, the service
// type and the features; no ping, no job while the user has not configured it.
TEST_F(ConnectorPassTest, FirstPassWritesTheDefaultConfigurationAndWaitsForTheUser) {
  const std::string typeless = id_ + "-typeless";
  request(HttpMethod::kPut, "/_connector/" + typeless, R"({"index_name":")" + index_ + R"(-t","name":"t"})");
  config_.connectors.push_back({typeless, "fake", std::nullopt});
  schedule_every_second();
  core::testing::ManualClock clock(std::chrono::system_clock::now());
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);
  pass.run({});
  EXPECT_EQ(text(connector(typeless), "service_type"), "fake");
  EXPECT_EQ(text(connector(typeless), "status"), "needs_configuration");
  const json::object c = connector();
  EXPECT_EQ(text(c, "status"), "needs_configuration");
  const json::object& configuration = c.at("configuration").as_object();
  EXPECT_EQ(configuration.size(), registry_.find("fake")->configuration.size());
  for (const auto& [key, field] : configuration) EXPECT_EQ(field.as_object().size(), 13u) << key;
  EXPECT_EQ(c.at("features"), json::value(service::features_json(registry_.find("fake")->features)));

  clock.advance(2s);  // a scheduled occurrence passes
  pass.run({});
  EXPECT_EQ(probe_->pings.load(), 0);
  EXPECT_TRUE(jobs_of().empty());
}

// 2 (upgrades). Fields the source gained since the connector was configured are added with
// their defaults, fields stored without some of the 13 properties get them back; the user's
// values and the connector's status stay.
TEST_F(ConnectorPassTest, AnUpgradeAddsMissingFieldsAndPropertiesAndKeepsTheValues) {
  configure(R"({"documents": 3, "delay_ms": 7})");
  service::ConnectorPass(*context_).run({});
  ASSERT_EQ(text(connector(), "status"), "connected");
  // What an older version of the source left: no id_prefix, `documents` without two properties.
  json::object source = request(HttpMethod::kGet, "/.elastic-connectors/_doc/" + id_).at("_source").as_object();
  json::object& stored = source["configuration"].as_object();
  stored.erase("id_prefix");
  stored["documents"].as_object().erase("tooltip");
  stored["documents"].as_object().erase("ui_restrictions");
  request(HttpMethod::kPut, "/.elastic-connectors/_doc/" + id_ + "?refresh=true", json::serialize(source));
  ASSERT_FALSE(connector().at("configuration").as_object().contains("id_prefix"));
  ASSERT_FALSE(connector().at("configuration").at("documents").as_object().contains("tooltip"));

  service::ConnectorPass(*context_).run({});
  const json::object c = connector();
  const json::object defaults =
      service::preparation_patch(protocol::ConnectorDocument::from_hit(json::parse(R"({"_id":"x","_source":{}})")),
                                 *registry_.find("fake"), "fake")
          .at("configuration")
          .as_object();
  const json::object& configuration = c.at("configuration").as_object();
  EXPECT_EQ(configuration.size(), defaults.size());
  for (const auto& [key, field] : configuration) EXPECT_EQ(field.as_object().size(), 13u) << key;
  EXPECT_EQ(configuration.at("id_prefix"), defaults.at("id_prefix"));
  EXPECT_EQ(configuration.at("documents").at("tooltip"), defaults.at("documents").at("tooltip"));
  EXPECT_EQ(configuration.at("documents").at("ui_restrictions"), json::array{});
  EXPECT_EQ(configuration.at("documents").at("value"), json::value(3));
  EXPECT_EQ(configuration.at("delay_ms").at("value"), json::value(7));
  EXPECT_EQ(text(c, "status"), "connected");
}

// 3. Heartbeat: on the first pass, then only once last_seen is older than service.heartbeat.
TEST_F(ConnectorPassTest, HeartbeatOnTheFirstPassThenWhenLastSeenIsOld) {
  configure(R"({"documents": 1})");
  core::testing::ManualClock clock(std::chrono::system_clock::now());
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);
  pass.run({});
  const std::string first = text(connector(), "last_seen");
  ASSERT_NE(first, "null");

  clock.advance(60s);
  pass.run({});
  EXPECT_EQ(text(connector(), "last_seen"), first);

  clock.advance(config_.service.heartbeat);
  pass.run({});
  EXPECT_NE(text(connector(), "last_seen"), first);
}

// 4. Health: connected with a reachable source; error with the message, and no scheduled
// job, when the ping fails.
TEST_F(ConnectorPassTest, HealthPassMarksTheConnectorConnectedOrInErrorAndSchedulesNothingOnError) {
  configure(R"({"documents": 3})");
  core::testing::ManualClock clock(std::chrono::system_clock::now());
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);
  pass.run({});
  EXPECT_EQ(text(connector(), "status"), "connected");
  EXPECT_TRUE(connector().at("error").is_null());
  EXPECT_EQ(probe_->pings.load(), 1);

  configure(R"({"ping_error": "database is down"})");
  schedule_every_second();
  clock.advance(2s);  // a scheduled occurrence passes
  pass.run({});
  EXPECT_EQ(text(connector(), "status"), "error");
  EXPECT_EQ(text(connector(), "error"), "database is down");
  EXPECT_TRUE(jobs_of().empty());
}

// 2/4. Configuration checks with Elastic's messages.
TEST_F(ConnectorPassTest, InvalidConfigurationValuesPutTheConnectorInError) {
  configure(R"({"documents": "many"})");
  service::ConnectorPass(*context_).run({});
  EXPECT_EQ(text(connector(), "status"), "error");
  EXPECT_EQ(text(connector(), "error"), "Field validation errors: 'DOCUMENTS' value 'many' is not a valid int.");
}

// 5. A valid draft is validated and activated.
TEST_F(ConnectorPassTest, AValidDraftIsMarkedValidAndActivated) {
  configure(R"({"documents": 3})");
  request(HttpMethod::kPut, "/_connector/" + id_ + "/_filtering",
          R"({"rules":[{"id":"r1","policy":"exclude","field":"even","rule":"equals","value":"true","order":0,
                        "created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z"}],
              "advanced_snippet":{"value":{"max_documents":2}}})");
  ASSERT_EQ(text(connector().at("filtering").at(0).at("draft").at("validation").as_object(), "state"), "edited");
  service::ConnectorPass(*context_).run({});
  const json::object filtering = connector().at("filtering").at(0).as_object();
  EXPECT_EQ(filtering.at("draft").at("validation"), json::parse(R"({"state":"valid","errors":[]})"));
  EXPECT_EQ(filtering.at("active").at("rules"), filtering.at("draft").at("rules"));
  EXPECT_EQ(filtering.at("active").at("advanced_snippet").at("value"), json::parse(R"({"max_documents":2})"));
}

// 5. Match-all regex and duplicates: invalid, every rule involved listed, active unchanged.
TEST_F(ConnectorPassTest, AnInvalidDraftIsMarkedInvalidAndNotActivated) {
  configure(R"({"documents": 3})");
  const json::value before = connector().at("filtering").at(0).at("active");
  request(HttpMethod::kPut, "/_connector/" + id_ + "/_filtering",
          R"({"rules":[{"id":"r1","policy":"exclude","field":"title","rule":"regex","value":".*","order":0},
                       {"id":"r2","policy":"include","field":"n","rule":"equals","value":"1","order":1},
                       {"id":"r3","policy":"exclude","field":"n","rule":"equals","value":"1","order":2}],
              "advanced_snippet":{"value":{"tables":["x"]}}})");
  service::ConnectorPass(*context_).run({});
  const json::object filtering = connector().at("filtering").at(0).as_object();
  EXPECT_EQ(filtering.at("draft").at("validation"), json::parse(R"x({"state":"invalid","errors":[
      {"ids":["r1"],"messages":["Basic rule 1 (id: 'r...1') uses a match all regexps ['.*', '(.*)'], which are not allowed."]},
      {"ids":["r3"],"messages":["Basic rule 3 (id: 'r...3') is semantically equal to Basic rule 2 (id: 'r...2')."]},
      {"ids":["r2"],"messages":["Basic rule 2 (id: 'r...2') is semantically equal to Basic rule 3 (id: 'r...3')."]},
      {"ids":["advanced_snippet"],"messages":["fake advanced rules accept only max_documents, not 'tables'"]}]})x"));
  EXPECT_EQ(filtering.at("active"), before);
  EXPECT_EQ(text(connector(), "status"), "connected");
}

// 20. Connectors not listed in config.yml, and soft-deleted ones, are never touched.
TEST_F(ConnectorPassTest, OnlyListedConnectorsThatAreNotDeletedAreTouched) {
  const std::string stranger = id_ + "-not-listed";
  kibana_->create_connector({stranger, "stranger", index_ + "-x", "fake"}, {});
  const std::string deleted = id_ + "-deleted";
  add_connector(deleted, index_ + "-d");

  // Jobs of those connectors (the deleted one's from before its deletion) are not run.
  const std::string stranger_job = create_job("full", stranger);
  const std::string deleted_job = create_job("full", deleted);
  request(HttpMethod::kDelete, "/_connector/" + deleted);

  service::ConnectorPass(*context_).run({});
  EXPECT_EQ(text(connector(), "status"), "needs_configuration");
  service::JobExecution execution(*context_);
  execution.poll({});
  EXPECT_EQ(execution.running(), 0u);
  execution.wait_all();
  EXPECT_EQ(text(job(stranger_job), "status"), "pending");
  EXPECT_EQ(text(job(deleted_job), "status"), "pending");
  for (const std::string& id : {stranger, deleted}) {
    protocol::RequestOptions options;
    const json::object c = request(HttpMethod::kGet, "/_connector/" + id + "?include_deleted=true").as_object();
    EXPECT_EQ(text(c, "status"), "created") << id;
    EXPECT_TRUE(c.at("configuration").as_object().empty()) << id;
    EXPECT_TRUE(!c.contains("last_seen") || c.at("last_seen").is_null()) << id;
  }
}

// 20. Worker mode: every non-native connector of the listed service types, none other.
TEST_F(ConnectorPassTest, WorkerModeManagesConnectorsByServiceType) {
  const std::string type = own_type();
  config_.connectors.clear();
  config_.service.worker_mode = true;
  config_.service.service_types = {type};
  const std::string worker = id_ + "-worker";
  kibana_->create_connector({worker, "worker", index_ + "-w", type}, {});
  const std::string native = id_ + "-native";
  request(HttpMethod::kPut, "/_connector/" + native,
          R"({"index_name":"content-)" + index_ + R"(-n","service_type":")" + type + R"(","is_native":true})");

  service::ConnectorPass(*context_).run({});
  EXPECT_EQ(text(connector(worker), "status"), "needs_configuration");
  EXPECT_EQ(text(connector(native), "status"), "needs_configuration");  // set so by Elasticsearch
  EXPECT_TRUE(connector(native).at("configuration").as_object().empty());
  EXPECT_EQ(text(connector(), "status"), "created");  // of another type
}

}  // namespace
}  // namespace connectors::ftest
