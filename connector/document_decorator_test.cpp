#include "connector/document_decorator.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace connectors::service {
namespace {

TEST(DocumentDecorator, AddsPipelineFlagsAndIdInElasticsOrder) {
  DocumentDecorator decorator(protocol::PipelineSettings{});
  std::string out;
  decorator.append(out, R"({"public_t_id":1,"schema":"public"})", "xe_public_t_1");
  EXPECT_EQ(out,
            R"({"public_t_id":1,"schema":"public","_extract_binary_content":true,)"
            R"("_reduce_whitespace":true,"_run_ml_inference":true,"id":"xe_public_t_1"})");
  EXPECT_NO_THROW(boost::json::parse(out));
  EXPECT_LE(out.size(), decorator.decorated_size(R"({"public_t_id":1,"schema":"public"})", "xe_public_t_1"));
}

TEST(DocumentDecorator, FollowsThePipelineSettings) {
  protocol::PipelineSettings pipeline;
  pipeline.extract_binary_content = false;
  pipeline.run_ml_inference = false;
  DocumentDecorator decorator(pipeline);
  std::string out;
  decorator.append(out, "{}", "a\"b");
  EXPECT_EQ(out,
            R"({"_extract_binary_content":false,"_reduce_whitespace":true,)"
            R"("_run_ml_inference":false,"id":"a\"b"})");
  EXPECT_NO_THROW(boost::json::parse(out));
}

TEST(DocumentDecorator, RejectsBodiesThatAreNotObjects) {
  DocumentDecorator decorator(protocol::PipelineSettings{});
  std::string out;
  EXPECT_THROW(decorator.append(out, "[1]", "x"), std::invalid_argument);
  EXPECT_THROW(decorator.append(out, "", "x"), std::invalid_argument);
}

TEST(DocumentDecorator, AddsATimestampAfterTheIdWhenAsked) {
  DocumentDecorator decorator(protocol::PipelineSettings{});
  std::string out;
  decorator.append(out, R"({"a":1})", "x", "2024-05-01T12:00:00.123456+00:00");
  EXPECT_EQ(out,
            R"({"a":1,"_extract_binary_content":true,"_reduce_whitespace":true,"_run_ml_inference":true,)"
            R"("id":"x","_timestamp":"2024-05-01T12:00:00.123456+00:00"})");
  EXPECT_LE(out.size(), decorator.decorated_size(R"({"a":1})", "x", "2024-05-01T12:00:00.123456+00:00"));
}

TEST(DocumentDecorator, AccessControlDocumentsGetOnlyTheId) {
  const DocumentDecorator decorator = DocumentDecorator::for_access_control();
  std::string out;
  decorator.append(out, R"({"query":"q"})", "acl_1");
  EXPECT_EQ(out, R"({"query":"q","id":"acl_1"})");
}

TEST(HasTopLevelKey, FindsOnlyKeysOfTheOuterObject) {
  EXPECT_TRUE(has_top_level_key(R"({"a":1,"_timestamp":"x"})", "_timestamp"));
  EXPECT_TRUE(has_top_level_key(R"({"_timestamp":"x"})", "_timestamp"));
  EXPECT_FALSE(has_top_level_key(R"({"a":{"_timestamp":"x"}})", "_timestamp"));
  EXPECT_FALSE(has_top_level_key(R"({"a":"_timestamp"})", "_timestamp"));
  EXPECT_FALSE(has_top_level_key(R"({"a":["_timestamp",{"_timestamp":1}]})", "_timestamp"));
  EXPECT_FALSE(has_top_level_key(R"({"a":"x"_timestamp":1"})", "_timestamp"));
  EXPECT_TRUE(has_top_level_key(R"({"a":[{"b":1}], "_timestamp" : 1})", "_timestamp"));
  EXPECT_FALSE(has_top_level_key(R"({"a":1})", "_timestamp"));
}

TEST(EffectiveId, KeepsIdsUpTo512BytesAndHashesLongerOnesWithMd5) {
  const std::string exact(512, 'a');
  EXPECT_EQ(effective_id(exact), exact);
  // python3 -c "import hashlib; print(hashlib.md5(b'a'*513).hexdigest())"
  EXPECT_EQ(effective_id(std::string(513, 'a')), "6649c3e827e44f7bf539768bddf76435");
}

}  // namespace
}  // namespace connectors::service
