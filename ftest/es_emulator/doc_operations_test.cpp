#include "ftest/es_emulator/doc_operations.hpp"

#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"
#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {
namespace {

class DocOperationsTest : public ::testing::Test {
 protected:
  DocOperationsTest() : ids_(clock_, 7), store_(clock_, ids_), ops_(store_, pipelines_) {}

  OpResult index(const std::string& id, const std::string& source, Concurrency c = {},
                 bool create = false) {
    return ops_.index(IndexOp{"docs", id, source, create, c, std::nullopt});
  }
  OpResult update(const std::string& id, const std::string& body, Concurrency c = {}) {
    return ops_.update(UpdateOp{"docs", id, body, c, std::nullopt});
  }
  std::string source(const std::string& id) {
    return std::string(store_.find("docs")->get(id)->source());
  }

  core::testing::ManualClock clock_;
  IdGenerator ids_;
  Store store_;
  PipelineRegistry pipelines_;
  DocOperations ops_;
};

TEST_F(DocOperationsTest, IndexAutoCreatesTheIndexAndKeepsSourceBytes) {
  const std::string text = "{ \"a\" : 1.50 , \"b\":[ ] }";
  const OpResult r = index("1", text);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.status(), 201u);
  EXPECT_EQ(source("1"), text);
  EXPECT_EQ(index("1", "{}").status(), 200u);
}

TEST_F(DocOperationsTest, CreateConflictsWithExistingDocument) {
  index("1", "{}");
  const OpResult r = index("1", "{}", {}, true);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status(), 409u);
  EXPECT_EQ(r.error->type(), "version_conflict_engine_exception");
  EXPECT_EQ(r.error->reason(),
            "[1]: version conflict, document already exists (current version [1])");
}

TEST_F(DocOperationsTest, OptimisticConcurrency) {
  index("1", R"({"v":1})");  // seq_no 0
  index("2", R"({"v":1})");  // seq_no 1
  OpResult stale = update("1", R"({"doc":{"v":2}})", {1, 1});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status(), 409u);
  EXPECT_EQ(stale.error->reason(),
            "[1]: version conflict, required seqNo [1], primary term [1]. current document has "
            "seqNo [0] and "
            "primary term [1]");
  OpResult fresh = update("1", R"({"doc":{"v":2}})", {0, 1});
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh.outcome.seq_no, 2);
  OpResult wrong_term = index("1", "{}", {2, 2});
  EXPECT_EQ(wrong_term.status(), 409u);
  OpResult missing = index("9", "{}", {0, 1});
  EXPECT_EQ(missing.status(), 409u);
  EXPECT_NE(missing.error->reason().find("but no document was found"), std::string::npos);
}

TEST_F(DocOperationsTest, UpdateMergesAndDetectsNoop) {
  index("1", R"({"a":{"b":1},"list":[1,2]})");
  OpResult r = update("1", R"({"doc":{"a":{"c":2},"list":[3]}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.outcome.result, WriteResult::Updated);
  EXPECT_EQ(source("1"), R"({"a":{"b":1,"c":2},"list":[3]})");
  OpResult noop = update("1", R"({"doc":{"a":{"c":2}}})");
  EXPECT_EQ(noop.outcome.result, WriteResult::Noop);
  EXPECT_EQ(noop.outcome.seq_no, r.outcome.seq_no);
  OpResult forced = update("1", R"({"doc":{"a":{"c":2}},"detect_noop":false})");
  EXPECT_EQ(forced.outcome.result, WriteResult::Updated);
}

TEST_F(DocOperationsTest, UpdateMissingDocumentAndUpserts) {
  OpResult missing = update("x", R"({"doc":{"a":1}})");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status(), 404u);
  EXPECT_EQ(missing.error->type(), "document_missing_exception");
  EXPECT_EQ(missing.error->reason(), "[x]: document missing");
  OpResult upsert = update("x", R"({"doc":{"a":1},"doc_as_upsert":true})");
  EXPECT_EQ(upsert.status(), 201u);
  EXPECT_EQ(source("x"), R"({"a":1})");
  OpResult with_upsert = update("y", R"({"doc":{"a":1},"upsert":{"a":0}})");
  EXPECT_EQ(with_upsert.status(), 201u);
  EXPECT_EQ(source("y"), R"({"a":0})");
}

TEST_F(DocOperationsTest, BadInputs) {
  EXPECT_EQ(index("1", "[1]").error->type(), "document_parsing_exception");
  EXPECT_EQ(index("1", R"({"a":})").error->reason().substr(0, 25), "[1:6] failed to parse: Un");
  const OpResult long_id = index(std::string(513, 'x'), "{}");
  EXPECT_EQ(long_id.error->type(), "illegal_argument_exception");
  EXPECT_NE(long_id.error->reason().find("must be no longer than 512 bytes but was: 513"),
            std::string::npos);
  EXPECT_EQ(ops_.index(IndexOp{"Upper", "1", "{}", false, {}, std::nullopt}).error->type(),
            "invalid_index_name_exception");
  EXPECT_EQ(update("1", R"({"script":"ctx._source.a=1"})").status(), 400u);
}

TEST_F(DocOperationsTest, MetadataFieldsAreRefusedInSourcesAndUpdateResults) {
  const OpResult r = index("7", R"({"_version":3})");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->reason(),
            "[1:13] failed to parse field [_version] of type [_version] in document with id '7'. "
            "Preview of field's value: '3'");
  EXPECT_EQ(r.status(), 400u);
  EXPECT_FALSE(store_.find("docs")->get("7"));
  ASSERT_FALSE(index("8", R"({"a":1})").error);
  const OpResult merged = update("8", R"({"doc":{"_source":"x"}})");
  ASSERT_TRUE(merged.error);
  EXPECT_EQ(merged.error->type(), "document_parsing_exception");
  EXPECT_EQ(source("8"), R"({"a":1})");
  EXPECT_TRUE(is_metadata_field("_seq_no"));
  EXPECT_FALSE(is_metadata_field("_extract_binary_content"));
  EXPECT_FALSE(is_metadata_field("id"));
}

TEST_F(DocOperationsTest, PipelinesRunOnlyWhenAskedAndMustExist) {
  const OpResult r = ops_.index(IndexOp{"docs",
                                        "1",
                                        R"({"a":1,"_run_ml_inference":false})",
                                        false,
                                        {},
                                        std::string(kDefaultIngestPipeline)});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.pipeline_ran);
  EXPECT_EQ(source("1"), R"({"a":1})");
  const OpResult unknown = ops_.index(IndexOp{"docs", "2", "{}", false, {}, std::string("nope")});
  EXPECT_EQ(unknown.status(), 400u);
  EXPECT_EQ(unknown.error->reason(), "pipeline with id [nope] does not exist");
}

TEST_F(DocOperationsTest, ResultBodyShape) {
  const OpResult r = index("1", "{}");
  std::string out;
  append_op_result(out, r, true, false);
  EXPECT_EQ(
      out,
      R"({"_index":"docs","_id":"1","_version":1,"result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201})");
}

}  // namespace
}  // namespace connectors::emulator
