#include "ftest/es_emulator/router.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

using testing::at;

class RouterTest : public testing::RouterFixture {};

TEST_F(RouterTest, InfoAndPing) {
  const auto info = json(Method::Get, "/");
  EXPECT_EQ(at(info, "version.number"), "9.2.0");
  EXPECT_EQ(at(info, "version.build_flavor"), "default");
  EXPECT_EQ(at(info, "version.build_snapshot"), false);
  EXPECT_EQ(at(info, "tagline"), "You Know, for Search");
  const Response ping = call(Method::Head, "/");
  EXPECT_EQ(ping.status, 200u);
  EXPECT_TRUE(ping.body.empty());
}

TEST_F(RouterTest, UnknownRoutesAndWrongMethods) {
  const Response unknown = call(Method::Get, "/_nothing/here?x=1");
  EXPECT_EQ(unknown.status, 400u);
  EXPECT_EQ(unknown.body,
            R"({"error":"no handler found for uri [/_nothing/here?x=1] and method [GET]"})");
  const Response wrong = call(Method::Put, "/idx/_search");
  EXPECT_EQ(wrong.status, 405u);
  EXPECT_EQ(
      wrong.body,
      R"({"error":"Incorrect HTTP method for uri [/idx/_search] and method [PUT], allowed: [GET, POST]","status":405})");
  ASSERT_FALSE(wrong.headers.empty());
  EXPECT_EQ(wrong.headers[0].first, "Allow");
  // As in Elasticsearch, a literal path without the method falls through to {index} routes.
  EXPECT_EQ(error(Method::Put, "/_search", "", 400).first, "invalid_index_name_exception");
  EXPECT_EQ(error(Method::Get, "/_nothing", "", 404).first, "index_not_found_exception");
}

TEST_F(RouterTest, ContentTypes) {
  EXPECT_EQ(call(Method::Post, "/i/_doc", "{}", "text/plain").status, 406u);
  EXPECT_EQ(
      call(Method::Post, "/i/_doc", "{}", "application/vnd.elasticsearch+json; compatible-with=8")
          .status,
      201u);
  Request request = Request::make(Method::Get, "/");
  request.accept = "application/vnd.elasticsearch+json; compatible-with=8";
  EXPECT_EQ(router_.handle(request).content_type,
            "application/vnd.elasticsearch+json;compatible-with=8");
  EXPECT_EQ(call(Method::Get, "/").content_type, "application/json");
}

TEST_F(RouterTest, IndexLifecycle) {
  const auto created = json(
      Method::Put, "/my-index",
      R"({"settings":{"index":{"refresh_interval":"1s"}},"mappings":{"properties":{"a":{"type":"keyword"}}}})");
  EXPECT_EQ(at(created, "acknowledged"), true);
  EXPECT_EQ(at(created, "index"), "my-index");
  const auto [type, reason] = error(Method::Put, "/my-index", "", 400);
  EXPECT_EQ(type, "resource_already_exists_exception");
  EXPECT_NE(reason.find("index [my-index/"), std::string::npos);
  EXPECT_EQ(error(Method::Put, "/My-Index", "", 400).second,
            "Invalid index name [My-Index], must be lowercase");
  EXPECT_EQ(call(Method::Head, "/my-index").status, 200u);
  EXPECT_EQ(call(Method::Head, "/nope").status, 404u);
  EXPECT_TRUE(call(Method::Head, "/nope").body.empty());
  const auto got = json(Method::Get, "/my-index");
  EXPECT_EQ(at(got, "my-index.mappings.properties.a.type"), "keyword");
  EXPECT_EQ(at(got, "my-index.settings.index.refresh_interval"), "1s");
  EXPECT_EQ(at(got, "my-index.settings.index.number_of_shards"), "1");
  EXPECT_EQ(boost::json::serialize(json(Method::Get, "/nope?ignore_unavailable=true")), "{}");
  EXPECT_EQ(error(Method::Get, "/nope", "", 404).first, "index_not_found_exception");
  EXPECT_EQ(at(json(Method::Get, "/my-index/_mapping"), "my-index.mappings.properties.a.type"),
            "keyword");
  EXPECT_EQ(at(json(Method::Post, "/my-index/_refresh"), "_shards.successful"), 1);
  EXPECT_EQ(at(json(Method::Post, "/nope/_refresh?ignore_unavailable=true"), "_shards.successful"),
            0);
  EXPECT_EQ(at(json(Method::Delete, "/my-index"), "acknowledged"), true);
  EXPECT_EQ(error(Method::Delete, "/my-index", "", 404).first, "index_not_found_exception");
}

TEST_F(RouterTest, ConnectorSystemIndicesComeWithTheirAliases) {
  json(Method::Put, "/.elastic-connectors-v1");
  json(Method::Put, "/.elastic-connectors-sync-jobs-v1");
  EXPECT_EQ(call(Method::Head, "/.elastic-connectors").status, 200u);
  const auto got = json(Method::Get, "/.elastic-connectors");
  ASSERT_TRUE(got.as_object().contains(".elastic-connectors-v1"));
  EXPECT_TRUE(
      got.at(".elastic-connectors-v1").at("aliases").as_object().contains(".elastic-connectors"));
  EXPECT_EQ(got.at(".elastic-connectors-v1").at("settings").at("index").at("hidden"), "true");
  json(Method::Put, "/.elastic-connectors/_doc/c1?refresh=true", R"({"status":"created"})", 201);
  EXPECT_EQ(at(json(Method::Get, "/.elastic-connectors-v1/_doc/c1"), "found"), true);
  // Hidden: not found by "*", found by ".elastic*" or expand_wildcards=all.
  EXPECT_EQ(at(json(Method::Get, "/*/_count"), "count"), 0);
  EXPECT_EQ(at(json(Method::Get, "/.elastic*/_count"), "count"), 1);
  EXPECT_EQ(at(json(Method::Get, "/*/_count?expand_wildcards=all"), "count"), 1);
}

TEST_F(RouterTest, DocumentApi) {
  auto put = json(Method::Put, "/docs/_doc/1?refresh=true", R"({"a":1})", 201);
  EXPECT_EQ(at(put, "result"), "created");
  EXPECT_EQ(at(put, "_shards.total"), 2);
  EXPECT_EQ(at(put, "forced_refresh"), true);
  put = json(Method::Put, "/docs/_doc/1", R"({"a":2})", 200);
  EXPECT_EQ(at(put, "result"), "updated");
  EXPECT_EQ(at(put, "_version"), 2);
  const auto auto_id = json(Method::Post, "/docs/_doc", R"({"a":3})", 201);
  EXPECT_EQ(at(auto_id, "_id").as_string().size(), 20u);
  const auto [type, reason] = error(Method::Put, "/docs/_create/1", R"({"a":9})", 409);
  EXPECT_EQ(type, "version_conflict_engine_exception");
  EXPECT_EQ(reason, "[1]: version conflict, document already exists (current version [2])");
  EXPECT_EQ(error(Method::Put, "/docs/_doc/1?op_type=create", "{}", 409).first,
            "version_conflict_engine_exception");

  const auto got = json(Method::Get, "/docs/_doc/1");
  EXPECT_EQ(at(got, "found"), true);
  EXPECT_EQ(at(got, "_seq_no"), 1);
  EXPECT_EQ(at(got, "_primary_term"), 1);
  EXPECT_EQ(at(got, "_version"), 2);
  EXPECT_EQ(at(got, "_source.a"), 2);
  const auto missing = json(Method::Get, "/docs/_doc/404", "", 404);
  EXPECT_EQ(at(missing, "found"), false);
  EXPECT_EQ(call(Method::Head, "/docs/_doc/1").status, 200u);
  EXPECT_EQ(call(Method::Head, "/docs/_doc/404").status, 404u);
  EXPECT_EQ(json(Method::Get, "/docs/_source/1").at("a"), 2);

  const auto updated =
      json(Method::Post, "/docs/_update/1?if_seq_no=1&if_primary_term=1", R"({"doc":{"b":true}})");
  EXPECT_EQ(at(updated, "result"), "updated");
  const auto stale = json(Method::Post, "/docs/_update/1?if_seq_no=1&if_primary_term=1",
                          R"({"doc":{"b":false}})", 409);
  EXPECT_EQ(at(stale, "error.reason"),
            "[1]: version conflict, required seqNo [1], primary term [1]. current document has "
            "seqNo [3] and primary term [1]");
  const auto noop = json(Method::Post, "/docs/_update/1", R"({"doc":{"b":true}})");
  EXPECT_EQ(at(noop, "result"), "noop");
  EXPECT_EQ(at(noop, "_shards.total"), 0);
  const auto doc_missing = json(Method::Post, "/docs/_update/nope", R"({"doc":{"b":true}})", 404);
  EXPECT_EQ(at(doc_missing, "error.type"), "document_missing_exception");
  EXPECT_EQ(at(doc_missing, "error.reason"), "[nope]: document missing");
  EXPECT_EQ(at(doc_missing, "error.index"), "docs");

  const auto deleted = json(Method::Delete, "/docs/_doc/1");
  EXPECT_EQ(at(deleted, "result"), "deleted");
  const auto not_found = json(Method::Delete, "/docs/_doc/1", "", 404);
  EXPECT_EQ(at(not_found, "result"), "not_found");
  EXPECT_EQ(error(Method::Get, "/nope/_doc/1", "", 404).first, "index_not_found_exception");
  EXPECT_EQ(error(Method::Put, "/docs/_doc/" + std::string(513, 'x'), "{}", 400).first,
            "action_request_validation_exception");
}

TEST_F(RouterTest, MultiGet) {
  json(Method::Put, "/docs/_doc/1", R"({"a":1})", 201);
  const auto r = json(Method::Post, "/docs/_mget", R"({"ids":["1","2"]})");
  EXPECT_EQ(at(r, "docs.0.found"), true);
  EXPECT_EQ(at(r, "docs.1.found"), false);
}

TEST_F(RouterTest, DeleteByQuery) {
  json(Method::Post, "/_bulk?refresh=true",
       "{\"index\":{\"_index\":\"jobs\",\"_id\":\"1\"}}\n{\"connector\":{\"id\":\"a\"}}\n"
       "{\"index\":{\"_index\":\"jobs\",\"_id\":\"2\"}}\n{\"connector\":{\"id\":\"b\"}}\n");
  const auto r = json(Method::Post, "/jobs/_delete_by_query?refresh=true",
                      R"({"query":{"term":{"connector.id":"a"}}})");
  EXPECT_EQ(at(r, "deleted"), 1);
  EXPECT_EQ(at(json(Method::Get, "/jobs/_count"), "count"), 1);
}

TEST_F(RouterTest, PrettyFilterPathAndErrors) {
  const Response pretty = call(Method::Get, "/?pretty");
  EXPECT_NE(pretty.body.find("\"tagline\" : \"You Know, for Search\""), std::string::npos);
  EXPECT_EQ(call(Method::Get, "/?filter_path=version.number").body,
            R"({"version":{"number":"9.2.0"}})");
  const auto bad_json = json(Method::Post, "/docs/_search", "{not json", 400);
  EXPECT_EQ(at(bad_json, "status"), 400);
  EXPECT_EQ(at(bad_json, "error.type"), "x_content_parse_exception");
  EXPECT_EQ(at(bad_json, "error.root_cause.0.type"), "x_content_parse_exception");
}

TEST_F(RouterTest, ResetWipesEverything) {
  json(Method::Put, "/docs/_doc/1", "{}", 201);
  json(Method::Put, "/_ingest/pipeline/p", R"({"processors":[]})");
  json(Method::Post, "/_features/_reset");
  EXPECT_EQ(call(Method::Head, "/docs").status, 404u);
  EXPECT_EQ(call(Method::Get, "/_ingest/pipeline/p").status, 404u);
  EXPECT_EQ(call(Method::Get, "/_ingest/pipeline/search-default-ingestion").status, 200u);
}

TEST_F(RouterTest, IngestPipelineApi) {
  json(Method::Put, "/_ingest/pipeline/strip", R"({"processors":[{"remove":{"field":"secret"}}]})");
  EXPECT_TRUE(at(json(Method::Get, "/_ingest/pipeline/strip"), "strip.processors").is_array());
  json(Method::Put, "/docs/_doc/1?pipeline=strip", R"({"secret":1,"a":2})", 201);
  EXPECT_TRUE(at(json(Method::Get, "/docs/_doc/1"), "_source.secret").is_null());
  const auto failed = json(Method::Post, "/_bulk?pipeline=missing",
                           "{\"index\":{\"_index\":\"docs\",\"_id\":\"2\"}}\n{}\n");
  EXPECT_EQ(at(failed, "items.0.index.status"), 400);
  EXPECT_EQ(at(failed, "items.0.index.error.reason"), "pipeline with id [missing] does not exist");
  EXPECT_EQ(
      error(Method::Put, "/_ingest/pipeline/bad", R"({"processors":[{"script":{}}]})", 400).first,
      "parse_exception");
}

}  // namespace
}  // namespace connectors::emulator
