// The connector endpoints, checked against what Elasticsearch's YAML REST tests assert.

#include <gtest/gtest.h>

#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

using testing::at;

class ConnectorApiTest : public testing::RouterFixture {
 protected:
  void put_connector(const std::string& id, const std::string& body, unsigned status = 201) {
    json(Method::Put, "/_connector/" + id, body, status);
  }
  boost::json::value get_connector(const std::string& id) {
    return json(Method::Get, "/_connector/" + id);
  }
};

TEST_F(ConnectorApiTest, CreateWithDefaults) {
  const auto created = json(
      Method::Put, "/_connector/test-connector",
      R"({"index_name":"search-test","name":"my-connector","language":"pl","is_native":false,"service_type":"super-connector"})",
      201);
  EXPECT_EQ(at(created, "result"), "created");
  EXPECT_EQ(at(created, "id"), "test-connector");
  const auto c = get_connector("test-connector");
  EXPECT_EQ(at(c, "id"), "test-connector");
  EXPECT_EQ(at(c, "index_name"), "search-test");
  EXPECT_EQ(at(c, "name"), "my-connector");
  EXPECT_EQ(at(c, "language"), "pl");
  EXPECT_EQ(at(c, "is_native"), false);
  EXPECT_EQ(at(c, "service_type"), "super-connector");
  EXPECT_EQ(at(c, "status"), "created");
  EXPECT_EQ(at(c, "sync_now"), false);
  EXPECT_EQ(at(c, "configuration"), boost::json::object{});
  EXPECT_EQ(at(c, "custom_scheduling"), boost::json::object{});
  EXPECT_EQ(at(c, "filtering.0.domain"), "DEFAULT");
  EXPECT_EQ(at(c, "filtering.0.active.rules.0.id"), "DEFAULT");
  EXPECT_EQ(at(c, "filtering.0.draft.validation.state"), "valid");
  EXPECT_EQ(at(c, "scheduling.full.interval"), "0 0 0 * * ?");
  EXPECT_EQ(at(c, "scheduling.incremental.enabled"), false);
  for (const char* absent : {"api_key_id", "api_key_secret_id", "description", "error", "features",
                             "last_seen", "sync_cursor", "pipeline"}) {
    EXPECT_TRUE(at(c, absent).is_null()) << absent;
  }
  // A second PUT rewrites the connector with fresh defaults.
  const auto again =
      json(Method::Put, "/_connector/test-connector", R"({"index_name":"search-test"})", 200);
  EXPECT_EQ(at(again, "result"), "updated");
}

TEST_F(ConnectorApiTest, UnknownAndBadFieldsCarryTheirLocation) {
  EXPECT_EQ(error(Method::Put, "/_connector/c", R"({"index_name":"search-a","colour":"red"})", 400),
            (std::pair<std::string, std::string>{"x_content_parse_exception",
                                                 "[1:26] [connector_put_request] unknown field [colour]"}));
  json(Method::Put, "/_connector/c", R"({"index_name":"search-a"})", 201);
  const auto status = json(Method::Put, "/_connector/c/_status", R"({"status":"bad"})", 400);
  EXPECT_EQ(at(status, "error.reason"), "[1:11] [connector_update_status_request] failed to parse field [status]");
  // x_content_parse_exception is a plain Java exception: it is its own root cause.
  EXPECT_EQ(at(status, "error.root_cause.0.type"), "x_content_parse_exception");
  EXPECT_EQ(at(status, "error.caused_by.type"), "illegal_argument_exception");
  EXPECT_EQ(error(Method::Post, "/i/_update/1", R"({"doc":{},"x":1})", 400).second,
            "[1:11] [UpdateRequest] unknown field [x]");
  EXPECT_EQ(error(Method::Post, "/_mget", R"({"docs":[],"foo":1})", 400).second,
            "unknown parameter [foo] in request body or parameter is of the wrong type[VALUE_NUMBER] ");
}

TEST_F(ConnectorApiTest, NativeConnectorsAndGeneratedIds) {
  put_connector("native", R"({"index_name":"content-search-test","is_native":true})");
  EXPECT_EQ(at(get_connector("native"), "status"), "needs_configuration");
  const auto [type, reason] = error(Method::Put, "/_connector/bad",
                                    R"({"index_name":"wrong-prefix","is_native":true})", 400);
  EXPECT_EQ(type, "action_request_validation_exception");
  EXPECT_EQ(reason,
            "Validation Failed: 1: Index [wrong-prefix] is invalid. Index attached to an "
            "Elastic-managed connector "
            "must start with the prefix: [content-];");
  const auto posted = json(Method::Post, "/_connector", "", 201);
  const std::string id(at(posted, "id").as_string());
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(at(get_connector(id), "id"), boost::json::value(id));
  EXPECT_EQ(at(json(Method::Put, "/_connector", "{}", 201), "result"), "created");
  EXPECT_EQ(error(Method::Put, "/_connector/x", R"({"index_name":"_invalid"})", 400).first,
            "action_request_validation_exception");
  EXPECT_EQ(error(Method::Put, "/_connector/x", R"({"unknown":1})", 400).first,
            "x_content_parse_exception");
}

TEST_F(ConnectorApiTest, IndexNameUniquenessIgnoresSoftDeleted) {
  put_connector("one", R"({"index_name":"search-test"})");
  const auto [type, reason] =
      error(Method::Put, "/_connector/two", R"({"index_name":"search-test"})", 400);
  EXPECT_EQ(type, "status_exception");
  EXPECT_EQ(reason, "Index name [search-test] is used by another connector.");
  json(Method::Delete, "/_connector/one");
  put_connector("two", R"({"index_name":"search-test"})");
}

TEST_F(ConnectorApiTest, GetMissingAndDeleted) {
  const auto [type, reason] = error(Method::Get, "/_connector/nope", "", 404);
  EXPECT_EQ(type, "resource_not_found_exception");
  EXPECT_EQ(reason, "connector [nope] not found");
  put_connector("c", R"({"index_name":"search-c"})");
  json(Method::Delete, "/_connector/c");
  error(Method::Get, "/_connector/c", "", 404);
  EXPECT_EQ(at(json(Method::Get, "/_connector/c?include_deleted=true"), "deleted"), true);
  error(Method::Delete, "/_connector/c", "", 404);  // already soft-deleted
  EXPECT_EQ(at(json(Method::Delete, "/_connector/c?hard=true"), "acknowledged"), true);
  error(Method::Get, "/_connector/c?include_deleted=true", "", 404);
}

class ConnectorListTest : public ConnectorApiTest {
 protected:
  void SetUp() override {
    put_connector(
        "connector-a",
        R"({"index_name":"search-1-test","name":"my-connector-1","language":"pl","service_type":"super-connector"})");
    put_connector(
        "connector-c",
        R"({"index_name":"search-3-test","name":"my-connector-3","language":"nl","service_type":"super-connector"})");
    put_connector(
        "connector-b",
        R"({"index_name":"content-search-2-test","name":"my-connector-2","language":"en","is_native":true,"service_type":"extra-connector"})");
  }
  std::vector<std::string> ids(const std::string& query) {
    const auto r = json(Method::Get, "/_connector" + query);
    std::vector<std::string> out;
    const boost::json::value results = at(r, "results");
    for (const auto& c : results.as_array()) out.emplace_back(c.at("id").as_string());
    return out;
  }
};

TEST_F(ConnectorListTest, SortedByIndexNameWithPaging) {
  EXPECT_EQ(ids(""), (std::vector<std::string>{"connector-b", "connector-a", "connector-c"}));
  EXPECT_EQ(ids("?from=1"), (std::vector<std::string>{"connector-a", "connector-c"}));
  EXPECT_EQ(ids("?size=2"), (std::vector<std::string>{"connector-b", "connector-a"}));
  EXPECT_EQ(at(json(Method::Get, "/_connector?size=1"), "count"), 3);
}

TEST_F(ConnectorListTest, Filters) {
  EXPECT_EQ(ids("?index_name=search-1-test,content-search-2-test"),
            (std::vector<std::string>{"connector-b", "connector-a"}));
  EXPECT_EQ(ids("?connector_name=my-connector-1"), (std::vector<std::string>{"connector-a"}));
  EXPECT_EQ(ids("?service_type=super-connector"),
            (std::vector<std::string>{"connector-a", "connector-c"}));
  EXPECT_EQ(ids("?connector_name=my-connector-1,my-connector-2&index_name=content-search-2-test"),
            (std::vector<std::string>{"connector-b"}));
  EXPECT_EQ(ids("?query=my-connector-1"), (std::vector<std::string>{"connector-a"}));
  EXPECT_EQ(ids("?query=search-").size(), 3u);
  error(Method::Get, "/_connector?index_name=~.!$$%23index-name$$$", "", 400);
}

TEST_F(ConnectorListTest, SoftAndHardDeletes) {
  json(Method::Delete, "/_connector/connector-a");
  json(Method::Delete, "/_connector/connector-b?hard=true");
  EXPECT_EQ(at(json(Method::Get, "/_connector"), "count"), 1);
  EXPECT_EQ(ids("?include_deleted=true"), (std::vector<std::string>{"connector-a", "connector-c"}));
}

TEST_F(ConnectorApiTest, CheckInMovesLastSeenForward) {
  put_connector("c", R"({"index_name":"search-c"})");
  EXPECT_EQ(at(json(Method::Put, "/_connector/c/_check_in"), "result"), "updated");
  const auto first = parse_strict_instant(at(get_connector("c"), "last_seen").as_string());
  json(Method::Put, "/_connector/c/_check_in");  // the manual clock has not moved
  const auto second = parse_strict_instant(at(get_connector("c"), "last_seen").as_string());
  ASSERT_TRUE(first && second);
  EXPECT_GT(*second, *first);
  const auto missing = error(Method::Put, "/_connector/nope/_check_in", "", 404);
  EXPECT_EQ(missing.first, "document_missing_exception");
  EXPECT_EQ(error(Method::Put, "/_connector//_check_in", "", 400).first,
            "action_request_validation_exception");
}

TEST_F(ConnectorApiTest, Configuration) {
  put_connector("c", R"({"index_name":"search-c"})");
  const std::string field =
      R"({"default_value":null,"depends_on":[{"field":"some_field","value":31}],"display":"numeric",
      "label":"Very important field","options":[],"order":4,"required":true,"sensitive":false,
      "tooltip":"Wow, this tooltip is useful.","type":"str","ui_restrictions":[],
      "validations":[{"constraint":0,"type":"greater_than"}],"value":123})";
  json(Method::Put, "/_connector/c/_configuration",
       R"({"configuration":{"some_field":)" + field + "}}");
  auto c = get_connector("c");
  EXPECT_EQ(at(c, "configuration.some_field.value"), 123);
  EXPECT_EQ(at(c, "status"), "configured");
  EXPECT_EQ(at(json(Method::Put, "/_connector/c/_configuration", R"({"values":{"some_field":42}})"),
               "result"),
            "updated");
  c = get_connector("c");
  EXPECT_EQ(at(c, "configuration.some_field.value"), 42);
  EXPECT_EQ(at(c, "configuration.some_field.label"), "Very important field");
  EXPECT_EQ(at(json(Method::Put, "/_connector/c/_configuration", R"({"values":{"some_field":42}})"),
               "result"),
            "noop");
  EXPECT_EQ(error(Method::Put, "/_connector/c/_configuration",
                  R"({"values":{"field_not_present_in_config":42}})", 400)
                .second,
            "Unknown [configuration] fields in the request payload: [field_not_present_in_config]. "
            "Remove them from "
            "request or register their schema first.");
  EXPECT_EQ(error(Method::Put, "/_connector/c/_configuration", "{}", 400).second,
            "Validation Failed: 1: [configuration] and [values] cannot both be null.;");
  EXPECT_EQ(
      error(Method::Put, "/_connector/c/_configuration", R"({"configuration":{},"values":{}})", 400)
          .second,
      "Validation Failed: 1: [configuration] and [values] cannot both be provided in the same "
      "request.;");
  error(Method::Put, "/_connector/c/_configuration",
        R"({"configuration":{"f":{"display":"numeric"}}})", 400);
  error(Method::Put, "/_connector/c/_configuration",
        R"({"configuration":{"f":{"label":"x","display":"weird"}}})", 400);
  error(
      Method::Put, "/_connector/c/_configuration",
      R"({"configuration":{"f":{"label":"x","validations":[{"constraint":0,"type":"unknown_constraint"}]}}})",
      400);
  json(Method::Put, "/_connector/c/_configuration",
       R"({"configuration":{"nextSyncConfig":{"label":"n","value":{"max_crawl_depth":3}}}})");
  c = get_connector("c");
  EXPECT_EQ(at(c, "configuration.nextSyncConfig.value.max_crawl_depth"), 3);
  EXPECT_TRUE(at(c, "configuration.some_field").is_null());
  EXPECT_EQ(at(c, "configuration.nextSyncConfig.required"), false);
  EXPECT_EQ(
      error(Method::Put, "/_connector/nope/_configuration", R"({"configuration":{}})", 404).first,
      "resource_not_found_exception");
}

TEST_F(ConnectorApiTest, SchedulingPartialAndCronValidated) {
  put_connector("c", R"({"index_name":"search-c"})");
  json(Method::Put, "/_connector/c/_scheduling",
       R"({"scheduling":{"incremental":{"enabled":true,"interval":"3 0 0 * * ?"}}})");
  const auto c = get_connector("c");
  EXPECT_EQ(at(c, "scheduling.incremental.enabled"), true);
  EXPECT_EQ(at(c, "scheduling.incremental.interval"), "3 0 0 * * ?");
  EXPECT_EQ(at(c, "scheduling.full.interval"), "0 0 0 * * ?");
  error(Method::Put, "/_connector/c/_scheduling", R"({"scheduling":{}})", 400);
  error(Method::Put, "/_connector/c/_scheduling",
        R"({"scheduling":{"full":{"enabled":true,"interval":"61 0 0 * * ?"}}})", 400);
  error(Method::Put, "/_connector/nope/_scheduling",
        R"({"scheduling":{"full":{"enabled":true,"interval":"0 0 0 * * ?"}}})", 404);
}

TEST_F(ConnectorApiTest, FilteringDraftActivation) {
  put_connector("c", R"({"index_name":"search-c"})");
  json(Method::Put, "/_connector/c/_filtering", R"({"rules":[
      {"created_at":"2023-05-25T12:30:00.000Z","field":"_","id":"DEFAULT","order":5,"policy":"include","rule":"regex","updated_at":"2023-05-25T12:30:00.000Z","value":".*"},
      {"field":"my_field","id":"MY_RULE","order":3,"policy":"exclude","rule":"regex","value":"tax-.*"}]})");
  auto c = get_connector("c");
  EXPECT_EQ(at(c, "filtering.0.draft.rules.0.id"), "MY_RULE");
  EXPECT_EQ(at(c, "filtering.0.draft.rules.1.id"), "DEFAULT");
  EXPECT_EQ(at(c, "filtering.0.draft.rules.1.order"), 4);
  EXPECT_EQ(at(c, "filtering.0.draft.validation.state"), "edited");
  EXPECT_EQ(at(c, "filtering.0.active.rules.0.id"), "DEFAULT");
  EXPECT_EQ(at(c, "filtering.0.active.advanced_snippet.value"), boost::json::object{});

  EXPECT_EQ(error(Method::Put, "/_connector/c/_filtering/_activate", "", 400).second,
            "Filtering draft needs to be validated by the connector service before activation. "
            "Current filtering "
            "draft validation state [edited] is not equal to [valid].");
  json(Method::Put, "/_connector/c/_filtering/_validation",
       R"({"validation":{"state":"valid","errors":[]}})");
  json(Method::Put, "/_connector/c/_filtering/_activate");
  c = get_connector("c");
  EXPECT_EQ(at(c, "filtering.0.active.rules.0.id"), "MY_RULE");
  EXPECT_EQ(at(c, "filtering.0.active.validation.state"), "valid");

  json(
      Method::Put, "/_connector/c/_filtering",
      R"({"advanced_snippet":{"created_at":"2023-05-25T12:30:00.000Z","updated_at":"2023-05-25T12:30:00.000Z","value":[{"tables":["some_table"]}]}})");
  c = get_connector("c");
  EXPECT_EQ(at(c, "filtering.0.draft.advanced_snippet.value.0.tables.0"), "some_table");
  EXPECT_EQ(at(c, "filtering.0.draft.rules.0.id"), "MY_RULE");  // rules kept

  error(Method::Put, "/_connector/c/_filtering", "{}", 400);
  error(Method::Put, "/_connector/c/_filtering",
        R"({"advanced_snippet":{"value":"string literal"}})", 400);
  error(Method::Put, "/_connector/c/_filtering",
        R"({"rules":[],"advanced_snippet":{"updated_at":"wrong datetime","value":{}}})", 400);
  error(Method::Put, "/_connector/c/_filtering/_validation", R"({"validation":{"errors":[]}})",
        400);
  error(Method::Put, "/_connector/nope/_filtering", R"({"advanced_snippet":{"value":{}}})", 404);
}

TEST_F(ConnectorApiTest, StatusErrorServiceTypeNative) {
  put_connector("c", R"({"index_name":"search-c","service_type":"s"})");
  EXPECT_EQ(error(Method::Put, "/_connector/c/_status", R"({"status":"connected"})", 400).second,
            "Invalid transition attempt from [created] to [connected]. Such a status transition is "
            "not supported by "
            "the Connector Protocol.");
  error(Method::Put, "/_connector/c/_status", R"({"status":"_invalid-status"})", 400);
  json(Method::Put, "/_connector/c/_status", R"({"status":"needs_configuration"})");
  json(Method::Put, "/_connector/c/_status", R"({"status":"configured"})");
  EXPECT_EQ(at(get_connector("c"), "status"), "configured");

  json(Method::Put, "/_connector/c/_error", R"({"error":"some error"})");
  EXPECT_EQ(at(get_connector("c"), "status"), "error");
  json(Method::Put, "/_connector/c/_error", R"({"error":null})");
  auto c = get_connector("c");
  EXPECT_EQ(at(c, "status"), "connected");
  EXPECT_TRUE(at(c, "error").is_null());
  error(Method::Put, "/_connector/c/_error", R"({"error":{"a":1}})", 400);

  json(Method::Put, "/_connector/c/_service_type", R"({"service_type":"other"})");
  EXPECT_EQ(at(get_connector("c"), "status"), "needs_configuration");

  EXPECT_EQ(error(Method::Put, "/_connector/c/_native", R"({"is_native":true})", 400).first,
            "status_exception");
  put_connector("n", R"({"index_name":"content-n"})");
  json(Method::Put, "/_connector/n/_status", R"({"status":"needs_configuration"})");
  json(Method::Put, "/_connector/n/_configuration", R"({"configuration":{}})");
  json(Method::Put, "/_connector/n/_status", R"({"status":"connected"})");
  json(Method::Put, "/_connector/n/_native", R"({"is_native":true})");
  c = get_connector("n");
  EXPECT_EQ(at(c, "is_native"), true);
  EXPECT_EQ(at(c, "status"), "configured");
}

TEST_F(ConnectorApiTest, IndexNameUpdates) {
  put_connector("c", R"({"index_name":"search-1-test"})");
  put_connector("d", R"({"index_name":"search-2-test"})");
  EXPECT_EQ(at(json(Method::Put, "/_connector/c/_index_name", R"({"index_name":"search-1-test"})"),
               "result"),
            "noop");
  EXPECT_EQ(
      error(Method::Put, "/_connector/c/_index_name", R"({"index_name":"search-2-test"})", 400)
          .first,
      "status_exception");
  error(Method::Put, "/_connector/c/_index_name", R"({"index_name":"_invalid-index-name"})", 400);
  json(Method::Put, "/_connector/c/_index_name", R"({"index_name":null})");
  EXPECT_TRUE(at(get_connector("c"), "index_name").is_null());
  put_connector("native", R"({"is_native":true})");
  error(Method::Put, "/_connector/native/_index_name", R"({"index_name":"wrong-prefix"})", 400);
  json(Method::Put, "/_connector/native/_index_name", R"({"index_name":"content-ok"})");
}

TEST_F(ConnectorApiTest, SmallUpdates) {
  put_connector("c", R"({"index_name":"search-c"})");
  json(Method::Put, "/_connector/c/_name", R"({"name":"test-name","description":"d"})");
  json(
      Method::Put, "/_connector/c/_pipeline",
      R"({"pipeline":{"extract_binary_content":true,"name":"test-pipeline","reduce_whitespace":true,"run_ml_inference":false}})");
  error(Method::Put, "/_connector/c/_pipeline", R"({"pipeline":{"name":"x"}})", 400);
  json(Method::Put, "/_connector/c/_api_key_id", R"({"api_key_id":"k"})");
  EXPECT_EQ(error(Method::Put, "/_connector/c/_api_key_id",
                  R"({"api_key_id":null,"api_key_secret_id":null})", 400)
                .second,
            "Validation Failed: 1: [api_key_id] and [api_key_secret_id] cannot both be [null]. "
            "Please provide a value for "
            "at least one of them.;");
  json(Method::Put, "/_connector/c/_features",
       R"({"features":{"document_level_security":{"enabled":true}}})");
  json(Method::Put, "/_connector/c/_features",
       R"({"features":{"sync_rules":{"basic":{"enabled":true}}}})");
  error(Method::Put, "/_connector/c/_features", R"({"featuresss":{}})", 400);
  json(
      Method::Put, "/_connector/c/_last_sync",
      R"({"last_sync_error":"oh no","last_access_control_sync_scheduled_at":"2023-05-25T12:30:00Z","sync_cursor":{"pointer":42},"last_seen":"2023-12-04T08:45:50.567149Z"})");
  error(Method::Put, "/_connector/c/_last_sync",
        R"({"last_sync_status":"this is not a valid status"})", 400);
  error(Method::Put, "/_connector/c/_last_sync",
        R"({"last_access_control_sync_scheduled_at":"this is not a timestamp"})", 400);
  const auto c = get_connector("c");
  EXPECT_EQ(at(c, "name"), "test-name");
  EXPECT_EQ(at(c, "description"), "d");
  EXPECT_EQ(at(c, "pipeline.name"), "test-pipeline");
  EXPECT_EQ(at(c, "api_key_id"), "k");
  EXPECT_EQ(at(c, "features.document_level_security.enabled"), true);
  EXPECT_EQ(at(c, "features.sync_rules.basic.enabled"), true);
  EXPECT_EQ(at(c, "last_access_control_sync_scheduled_at"), "2023-05-25T12:30:00.000Z");
  EXPECT_EQ(at(c, "last_seen"), "2023-12-04T08:45:50.567149Z");
  EXPECT_EQ(at(c, "sync_cursor.pointer"), 42);
}

TEST_F(ConnectorApiTest, DocumentsAreSearchableAndUpdatableThroughTheAliases) {
  put_connector("c", R"({"index_name":"search-c","service_type":"postgresql"})");
  const auto found = json(
      Method::Post, "/.elastic-connectors/_search?expand_wildcards=hidden",
      R"({"query":{"bool":{"must_not":{"term":{"deleted":true}},"filter":{"terms":{"_id":["c"]}}}},"seq_no_primary_term":true})");
  EXPECT_EQ(at(found, "hits.total.value"), 1);
  const auto seq_no = at(found, "hits.hits.0._seq_no").as_int64();
  json(Method::Post,
       "/.elastic-connectors/_update/c?if_seq_no=" + std::to_string(seq_no) + "&if_primary_term=1",
       R"({"doc":{"status":"connected"}})");
  EXPECT_EQ(at(get_connector("c"), "status"), "connected");
  json(Method::Post,
       "/.elastic-connectors/_update/c?if_seq_no=" + std::to_string(seq_no) + "&if_primary_term=1",
       R"({"doc":{"status":"error"}})", 409);
}

TEST_F(ConnectorApiTest, Secrets) {
  const auto posted = json(Method::Post, "/_connector/_secret", R"({"value":"my-secret"})");
  const std::string id(at(posted, "id").as_string());
  EXPECT_EQ(at(json(Method::Get, "/_connector/_secret/" + id), "value"), "my-secret");
  EXPECT_EQ(at(json(Method::Put, "/_connector/_secret/s1", R"({"value":"a"})", 201), "result"),
            "created");
  EXPECT_EQ(at(json(Method::Put, "/_connector/_secret/s1", R"({"value":"b"})", 200), "result"),
            "updated");
  error(Method::Put, "/_connector/_secret/s1", R"({"value":null})", 400);
  EXPECT_EQ(at(json(Method::Delete, "/_connector/_secret/s1"), "deleted"), true);
  EXPECT_EQ(error(Method::Get, "/_connector/_secret/s1", "", 404).second, "No secret with id [s1]");
}

}  // namespace
}  // namespace connectors::emulator
