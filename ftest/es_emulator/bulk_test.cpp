#include "ftest/es_emulator/bulk.hpp"

#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"
#include "ftest/es_emulator/testing/router_fixture.hpp"

namespace connectors::emulator {
namespace {

std::string reason_of(const std::string& body, BulkDefaults defaults = {}) {
  try {
    parse_bulk(body, defaults);
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 400u);
    return e.type() + ": " + e.reason();
  }
  return "no error";
}

TEST(BulkParse, WholeRequestErrors) {
  EXPECT_EQ(reason_of(R"({"index":{"_index":"i"}})"
                      "\n{}"),
            "illegal_argument_exception: The bulk request must be terminated by a newline [\\n]");
  EXPECT_EQ(reason_of("\n"),
            "action_request_validation_exception: Validation Failed: 1: no requests added;");
  EXPECT_EQ(reason_of(""), "parse_exception: request body is required");
  EXPECT_EQ(reason_of("{\"upsert\":{\"_index\":\"i\"}}\n"),
            "illegal_argument_exception: Malformed action/metadata line [1], expected one of "
            "[create, delete, "
            "index, update] but found [upsert]");
  EXPECT_EQ(
      reason_of("{\"delete\":{\"_index\":\"i\",\"_id\":\"1\",\"color\":\"red\"}}\n"),
      "illegal_argument_exception: Action/metadata line [1] contains an unknown parameter [color]");
  EXPECT_EQ(reason_of("{\"index\":{}}\n{}\n"),
            "action_request_validation_exception: Validation Failed: 1: index is missing;");
}

TEST(BulkParse, AnIdOver512BytesFailsTheWholeRequestAsBulkRequestValidateDoes) {
  const std::string id(513, 'x');
  EXPECT_EQ(reason_of("{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{}\n"
                      "{\"delete\":{\"_index\":\"i\",\"_id\":\"" + id + "\"}}\n"),
            "action_request_validation_exception: Validation Failed: 1: id [" + id +
                "] is too long, must be no longer than 512 bytes but was: 513;");
  // 512 bytes of UTF-8 are fine, whatever the character count.
  std::string multibyte;
  for (int i = 0; i < 256; ++i) multibyte += "\xc3\xa9";
  EXPECT_EQ(reason_of("{\"index\":{\"_index\":\"i\",\"_id\":\"" + multibyte + "\"}}\n{}\n"), "no error");
}

TEST(BulkParse, ActionsPointIntoTheBody) {
  const std::string body =
      "{\"index\":{\"_id\":\"1\"}}\n{\"a\":1}\n{\"delete\":{\"_index\":\"other\",\"_id\":\"2\"}}\n"
      "{\"update\":{\"_id\":\"3\",\"if_seq_no\":4,\"if_primary_term\":1,\"retry_on_conflict\":3}}"
      "\n{\"doc\":{}}\n";
  const auto actions = parse_bulk(body, BulkDefaults{"idx", std::string("p")});
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_EQ(actions[0].index, "idx");
  EXPECT_EQ(actions[0].source, "{\"a\":1}");
  EXPECT_EQ(actions[0].pipeline, "p");
  EXPECT_EQ(actions[1].type, BulkAction::Type::Delete);
  EXPECT_EQ(actions[1].index, "other");
  EXPECT_EQ(actions[2].concurrency.if_seq_no, 4);
}

class BulkApiTest : public testing::RouterFixture {};

TEST_F(BulkApiTest, PerItemResultsInRequestOrder) {
  const std::string body =
      "{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{\"a\":1}\n"
      "{\"create\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{\"a\":2}\n"
      "{\"update\":{\"_index\":\"i\",\"_id\":\"5\"}}\n{\"doc\":{\"a\":1}}\n"
      "{\"update\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{\"doc\":{\"a\":1}}\n"
      "{\"delete\":{\"_index\":\"i\",\"_id\":\"2\"}}\n"
      "{\"delete\":{\"_index\":\"i\",\"_id\":\"1\"}}\n"
      "{\"index\":{\"_index\":\"i\",\"_id\":\"3\"}}\n\"text\"\n";
  const auto r = json(Method::Post, "/_bulk", body);
  using testing::at;
  EXPECT_EQ(at(r, "errors"), true);
  EXPECT_EQ(at(r, "items.0.index.status"), 201);
  EXPECT_EQ(at(r, "items.0.index.result"), "created");
  EXPECT_EQ(at(r, "items.1.create.status"), 409);
  EXPECT_EQ(at(r, "items.1.create.error.type"), "version_conflict_engine_exception");
  EXPECT_EQ(at(r, "items.2.update.status"), 404);
  EXPECT_EQ(at(r, "items.2.update.error.type"), "document_missing_exception");
  EXPECT_EQ(at(r, "items.3.update.result"), "noop");
  EXPECT_EQ(at(r, "items.3.update.status"), 200);
  EXPECT_EQ(at(r, "items.4.delete.result"), "not_found");
  EXPECT_EQ(at(r, "items.4.delete.status"), 404);
  EXPECT_TRUE(at(r, "items.4.delete.error").is_null());
  EXPECT_EQ(at(r, "items.5.delete.result"), "deleted");
  EXPECT_EQ(at(r, "items.6.index.status"), 400);
  EXPECT_EQ(at(r, "items.6.index.error.type"), "document_parsing_exception");
}

TEST_F(BulkApiTest, MetadataFieldsInASourceFailTheItem) {
  const auto r = json(Method::Post, "/_bulk",
                      "{\"index\":{\"_index\":\"i\",\"_id\":\"d1\"}}\n{\"title\":\"t\",\"_id\":\"abc\"}\n"
                      "{\"index\":{\"_index\":\"i\",\"_id\":\"d2\"}}\n{\"_routing\":{\"a\":[1,2]}}\n"
                      "{\"index\":{\"_index\":\"i\",\"_id\":\"d3\"}}\n{\"_custom\":1,\"a\":{\"_id\":1}}\n");
  using testing::at;
  EXPECT_EQ(at(r, "errors"), true);
  EXPECT_EQ(at(r, "items.0.index.status"), 400);
  EXPECT_EQ(at(r, "items.0.index.error.type"), "document_parsing_exception");
  EXPECT_EQ(at(r, "items.0.index.error.reason"),
            "[1:20] failed to parse field [_id] of type [_id] in document with id 'd1'. Preview of "
            "field's value: 'abc'");
  EXPECT_EQ(at(r, "items.0.index.error.caused_by.reason"),
            "[1:20] Field [_id] is a metadata field and cannot be added inside a document. Use the "
            "index API request parameters.");
  // An object value: the outer location is its closing brace, the preview Java's toString.
  EXPECT_EQ(at(r, "items.1.index.error.reason"),
            "[1:23] failed to parse field [_routing] of type [_routing] in document with id 'd2'. "
            "Preview of field's value: '{a=[1, 2]}'");
  // Other underscored names and nested _id are ordinary fields.
  EXPECT_EQ(at(r, "items.2.index.status"), 201);
  // With the connector's pipeline too.
  const auto piped = json(Method::Post, "/_bulk?pipeline=search-default-ingestion",
                          "{\"index\":{\"_index\":\"i\",\"_id\":\"d4\"}}\n"
                          "{\"_extract_binary_content\":true,\"_index\":\"x\"}\n");
  EXPECT_EQ(at(piped, "items.0.index.error.type"), "document_parsing_exception");
}

TEST_F(BulkApiTest, ErrorsFalseWhenOnlyNotFoundDeletes) {
  const auto r = json(Method::Post, "/i/_bulk", "{\"delete\":{\"_id\":\"x\"}}\n");
  EXPECT_EQ(testing::at(r, "errors"), false);
}

TEST_F(BulkApiTest, RefreshMakesItemsSearchable) {
  json(Method::Put, "/_bulk?refresh=true", "{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{}\n");
  EXPECT_EQ(testing::at(json(Method::Get, "/i/_count"), "count"), 1);
  json(Method::Put, "/_bulk", "{\"index\":{\"_index\":\"i\",\"_id\":\"2\"}}\n{}\n");
  EXPECT_EQ(testing::at(json(Method::Get, "/i/_count"), "count"), 1);
}

TEST_F(BulkApiTest, PipelineParameterAndFilterPath) {
  const auto r = json(
      Method::Put, "/_bulk?pipeline=search-default-ingestion&filter_path=items.*.error,ingest_took",
      "{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n"
      "{\"id\":\"1\",\"_extract_binary_content\":true,\"_reduce_whitespace\":true,"
      "\"_run_ml_inference\":true,\"body\":\" a  b\\n c \"}\n");
  EXPECT_EQ(boost::json::serialize(r), R"({"ingest_took":0})");
  const auto doc = json(Method::Get, "/i/_doc/1");
  EXPECT_EQ(boost::json::serialize(testing::at(doc, "_source")), R"({"id":"1","body":"a b c"})");
}

}  // namespace
}  // namespace connectors::emulator
