#include "ftest/yaml_runner/stash.hpp"

#include <gtest/gtest.h>

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

TEST(Stash, WholeReferencesKeepTheirType) {
  Stash stash;
  stash.set("id", json::value("abc"));
  stash.set("count", json::value(3));
  stash.set("job", json::parse(R"({"status":"pending","list":[1,{"x":true}]})"));
  stash.set("sync-job-id", json::value("j-1"));
  EXPECT_EQ(stash.substitute(json::value("$count")), json::value(3));
  EXPECT_EQ(stash.substitute(json::value("$job.status")), json::value("pending"));
  EXPECT_EQ(stash.substitute(json::value("$job.list.1.x")), json::value(true));
  EXPECT_EQ(stash.substitute(json::value("$sync-job-id")), json::value("j-1"));
  EXPECT_EQ(stash.substitute(json::value("plain")), json::value("plain"));
}

TEST(Stash, EmbeddedReferencesBecomeText) {
  Stash stash;
  stash.set("id", json::value("abc"));
  stash.set("n", json::value(7));
  EXPECT_EQ(stash.substitute(json::value("x-${id}-${n}")), json::value("x-abc-7"));
  EXPECT_EQ(stash.substitute(json::value("${unclosed")), json::value("${unclosed"));
}

TEST(Stash, SubstitutesDeeplyAndInKeys) {
  Stash stash;
  stash.set("id", json::value("abc"));
  stash.set("key", json::value("k"));
  const auto out = stash.substitute(json::parse(R"({"a":["$id",{"b":"$id"}],"$key":1,"c":2})"));
  EXPECT_EQ(json::serialize(out), R"({"a":["abc",{"b":"abc"}],"k":1,"c":2})");
}

TEST(Stash, MissingNamesAreErrors) {
  Stash stash;
  EXPECT_THROW(stash.substitute(json::value("$nothing")), StashError);
  stash.set("empty", nullptr);
  EXPECT_THROW(stash.substitute(json::value("$empty")), StashError);
  EXPECT_FALSE(Stash::is_reference("$"));
  EXPECT_FALSE(Stash::is_reference("price in $"));
  EXPECT_TRUE(Stash::is_reference("a ${b}"));
}

TEST(Stash, JavaText) {
  EXPECT_EQ(java_text(json::parse(R"({"type":"x","list":[1,"a",null]})")),
            "{type=x, list=[1, a, null]}");
  EXPECT_EQ(java_text(json::value(false)), "false");
}

}  // namespace
}  // namespace connectors::yaml_runner
