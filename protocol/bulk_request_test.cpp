#include "protocol/bulk_request.hpp"

#include <gtest/gtest.h>

namespace connectors::protocol {
namespace {

TEST(BulkRequest, WritesIndexAndDeleteOperationsAsNdjson) {
  BulkRequest request("search-x");
  request.begin_index("db_public_t_1") += R"({"a":1})";
  request.end_document();
  request.add_delete("db_public_t_2");
  EXPECT_EQ(request.body(),
            "{\"index\":{\"_index\":\"search-x\",\"_id\":\"db_public_t_1\"}}\n"
            "{\"a\":1}\n"
            "{\"delete\":{\"_index\":\"search-x\",\"_id\":\"db_public_t_2\"}}\n");
  EXPECT_EQ(request.lines(), 3u);
  EXPECT_EQ(request.operations(), 2u);
  EXPECT_EQ(request.bytes(), request.body().size());
}

TEST(BulkRequest, EscapesIdsAndIndexNames) {
  BulkRequest request("idx");
  request.add_delete("a\"b\\c");
  EXPECT_EQ(request.body(), "{\"delete\":{\"_index\":\"idx\",\"_id\":\"a\\\"b\\\\c\"}}\n");
}

TEST(BulkRequest, ClearKeepsTheIndexAndForgetsOperations) {
  BulkRequest request("idx");
  request.add_delete("1");
  request.clear();
  EXPECT_TRUE(request.empty());
  EXPECT_EQ(request.lines(), 0u);
  EXPECT_EQ(request.body(), "");
  request.add_delete("2");
  EXPECT_EQ(request.body(), "{\"delete\":{\"_index\":\"idx\",\"_id\":\"2\"}}\n");
}

TEST(BulkRequest, AppendsOperationsTakenFromAnotherRequest) {
  BulkRequest request("idx");
  request.append_operation("{\"index\":{\"_index\":\"idx\",\"_id\":\"1\"}}\n{}\n");
  EXPECT_EQ(request.lines(), 2u);
  EXPECT_EQ(request.operations(), 1u);
  EXPECT_EQ(request.body(), "{\"index\":{\"_index\":\"idx\",\"_id\":\"1\"}}\n{}\n");
}

}  // namespace
}  // namespace connectors::protocol
