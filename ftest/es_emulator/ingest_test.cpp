#include "ftest/es_emulator/ingest.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {
namespace {

TEST(DefaultIngestion, DropsConnectorControlFieldsTextually) {
  const auto pipeline = make_default_ingestion_pipeline();
  const std::string source =
      R"({"id":"1", "_extract_binary_content":true,"_reduce_whitespace":true,"_run_ml_inference":true,"n":1.50})";
  EXPECT_EQ(pipeline->apply(source).value(), R"({"id":"1","n":1.50})");
  EXPECT_EQ(
      pipeline
          ->apply(
              R"({"_attachment":"AAA","_attachment_indexed_chars":1,"_extracted_attachment":{}})")
          .value(),
      "{}");
}

TEST(DefaultIngestion, LeavesOtherDocumentsUntouched) {
  const auto pipeline = make_default_ingestion_pipeline();
  EXPECT_FALSE(pipeline->apply(R"({"id":"1","body":"a   b"})"));
}

TEST(DefaultIngestion, CollapsesWhitespaceOnlyWhenAsked) {
  const auto pipeline = make_default_ingestion_pipeline();
  EXPECT_EQ(pipeline->apply(R"({"body":" a \t b\n","_reduce_whitespace":true})").value(),
            R"({"body":"a b"})");
  EXPECT_EQ(pipeline->apply(R"({"body":" a \t b\n","_reduce_whitespace":false})").value(),
            R"({"body":" a \t b\n"})");
}

TEST(UserPipelines, RemoveSetRename) {
  const auto pipeline = make_pipeline(boost::json::parse(R"({"processors":[
      {"remove":{"field":["a","x.y"],"ignore_missing":true}},
      {"set":{"field":"meta.source","value":"emulator"}},
      {"rename":{"field":"b","target_field":"c"}}]})")
                                          .as_object());
  EXPECT_EQ(pipeline->apply(R"({"a":1,"b":2,"x":{"y":1,"z":2}})").value(),
            R"({"x":{"z":2},"meta":{"source":"emulator"},"c":2})");
}

TEST(UserPipelines, FailuresAndUnknownProcessors) {
  const auto strict = make_pipeline(
      boost::json::parse(R"({"processors":[{"remove":{"field":"gone"}}]})").as_object());
  try {
    strict->apply("{}");
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.reason(), "field [gone] not present as part of path [gone]");
  }
  try {
    make_pipeline(boost::json::parse(R"({"processors":[{"grok":{"field":"x"}}]})").as_object());
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.type(), "parse_exception");
    EXPECT_EQ(e.reason(), "No processor type exists with name [grok]");
  }
}

TEST(PipelineRegistry, BuiltInSurvivesReset) {
  PipelineRegistry registry;
  EXPECT_TRUE(registry.find(kDefaultIngestPipeline));
  registry.put("mine", boost::json::parse(R"({"processors":[]})").as_object());
  EXPECT_TRUE(registry.find("mine"));
  registry.reset();
  EXPECT_FALSE(registry.find("mine"));
  EXPECT_TRUE(registry.find(kDefaultIngestPipeline));
}

}  // namespace
}  // namespace connectors::emulator
