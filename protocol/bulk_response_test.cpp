#include "protocol/bulk_response.hpp"

#include <gtest/gtest.h>

namespace connectors::protocol {
namespace {

// The response shape documented for Elasticsearch's _bulk (es-connector-api.md §4).
constexpr std::string_view kMixed = R"json({"took":30,"errors":true,"items":[
 {"index":{"_index":"i","_id":"1","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}},
 {"create":{"_index":"i","_id":"1","status":409,"error":{"type":"version_conflict_engine_exception","reason":"[1]: version conflict, document already exists (current version [1])","index_uuid":"u","shard":"0","index":"i"}}},
 {"update":{"_index":"i","_id":"5","status":404,"error":{"type":"document_missing_exception","reason":"[5]: document missing","index_uuid":"u","shard":"0","index":"i"}}},
 {"delete":{"_index":"i","_id":"2","_version":1,"result":"not_found","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":1,"_primary_term":2,"status":404}},
 {"index":{"_index":"i","_id":"3","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected"}}}
]})json";

TEST(BulkResponse, ParsesEveryItemInOrder) {
  const BulkResponse r = parse_bulk_response(kMixed);
  EXPECT_TRUE(r.errors);
  ASSERT_EQ(r.items.size(), 5u);
  EXPECT_EQ(r.items[0].op, BulkOp::kIndex);
  EXPECT_EQ(r.items[0].id, "1");
  EXPECT_EQ(r.items[0].status, 201u);
  EXPECT_EQ(r.items[0].result, "created");
  EXPECT_FALSE(r.items[0].failed());
  EXPECT_EQ(r.items[1].op, BulkOp::kCreate);
  EXPECT_TRUE(r.items[1].failed());
  EXPECT_EQ(r.items[1].error_type, "version_conflict_engine_exception");
  EXPECT_EQ(r.items[2].op, BulkOp::kUpdate);
  EXPECT_EQ(r.items[2].error_reason, "[5]: document missing");
  EXPECT_TRUE(r.items[2].failed());
}

TEST(BulkResponse, DeleteOfAMissingDocumentIsNotAFailure) {
  const BulkResponse r = parse_bulk_response(kMixed);
  EXPECT_EQ(r.items[3].op, BulkOp::kDelete);
  EXPECT_EQ(r.items[3].status, 404u);
  EXPECT_FALSE(r.items[3].failed());
}

TEST(BulkResponse, RejectionsAreRetryableOtherFailuresAreNot) {
  const BulkResponse r = parse_bulk_response(kMixed);
  EXPECT_TRUE(r.items[4].failed());
  EXPECT_TRUE(r.items[4].retryable());
  EXPECT_FALSE(r.items[1].retryable());
}

TEST(BulkResponse, RejectsWhatIsNotABulkResponse) {
  EXPECT_THROW(parse_bulk_response("not json"), core::Error);
  EXPECT_THROW(parse_bulk_response(R"({"error":{"type":"x"},"status":400})"), core::Error);
  EXPECT_THROW(parse_bulk_response(R"({"items":[{"explode":{}}]})"), core::Error);
  EXPECT_THROW(parse_bulk_response(R"({"items":[{"index":{},"delete":{}}]})"), core::Error);
}

}  // namespace
}  // namespace connectors::protocol
