#include "ftest/es_emulator/json_scanner.hpp"

#include <gtest/gtest.h>

namespace connectors::emulator {
namespace {

TEST(JsonScanner, AcceptsValidDocuments) {
  JsonKind kind;
  EXPECT_FALSE(scan_json(R"( {"a":[1,-2.5e3,true,false,null,{"b":"\u00e9\n"}]} )", &kind));
  EXPECT_EQ(kind, JsonKind::Object);
  EXPECT_FALSE(scan_json("[1,2]", &kind));
  EXPECT_EQ(kind, JsonKind::Array);
  EXPECT_FALSE(scan_json("\"caf\xc3\xa9\"", &kind));
}

TEST(JsonScanner, RejectsInvalidDocumentsWithOffset) {
  JsonKind kind;
  auto error = scan_json(R"({"a":1,})", &kind);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->offset, 7u);
  error = scan_json(R"({"a":01})", &kind);
  ASSERT_TRUE(error);
  error = scan_json(R"({"a":tru})", &kind);
  ASSERT_TRUE(error);
  error = scan_json("{\"a\":\"x\ny\"}", &kind);  // raw control character in a string
  ASSERT_TRUE(error);
  error = scan_json(R"({"a":1} {"b":2})", &kind);  // trailing content
  ASSERT_TRUE(error);
  error = scan_json("{\"a\":\"\xff\"}", &kind);  // invalid UTF-8
  ASSERT_TRUE(error);
  error = scan_json(R"({"a":)", &kind);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message, "Unexpected end-of-input");
}

TEST(JsonScanner, ListsTopLevelMembersAndRemovesThem) {
  const std::string text =
      R"({"keep":{"x":[1,2]}, "drop\u0021":1 ,"_extract_binary_content":true,"z":"v"})";
  std::vector<JsonMember> members;
  JsonKind kind;
  ASSERT_FALSE(scan_json(text, &kind, &members));
  ASSERT_EQ(members.size(), 4u);
  EXPECT_EQ(members[0].key(), "keep");
  EXPECT_EQ(members[1].key(), "drop!");
  EXPECT_EQ(text.substr(members[0].value_begin, members[0].end - members[0].value_begin),
            R"({"x":[1,2]})");
  EXPECT_EQ(remove_top_level_members(text, members, {"drop!", "_extract_binary_content"}),
            R"({"keep":{"x":[1,2]},"z":"v"})");
}

}  // namespace
}  // namespace connectors::emulator
