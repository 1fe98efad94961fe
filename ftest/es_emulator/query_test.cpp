#include "ftest/es_emulator/query.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/instant.hpp"

namespace connectors::emulator {
namespace {

class QueryTest : public ::testing::Test {
 protected:
  bool matches(const std::string& query, const std::string& source, std::string_view id = "doc-1") {
    const auto dsl = boost::json::parse(query);
    const Query q = Query::parse(dsl, now_);
    const auto doc = boost::json::parse(source);
    return q.matches(DocContext{id, "idx", &doc});
  }
  core::WallTime now_ = *parse_strict_instant("2024-01-10T12:00:00Z");
};

TEST_F(QueryTest, MatchAllAndNone) {
  EXPECT_TRUE(matches(R"({"match_all":{}})", "{}"));
  EXPECT_FALSE(matches(R"({"match_none":{}})", "{}"));
  EXPECT_FALSE(Query::parse(boost::json::parse(R"({"match_all":{}})"), now_).needs_source());
}

TEST_F(QueryTest, TermShortAndLongFormsAndKeyword) {
  const std::string doc =
      R"({"status":"pending","n":5,"ok":true,"tags":["a","b"],"connector":{"id":"c1"}})";
  EXPECT_TRUE(matches(R"({"term":{"status":"pending"}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"status":{"value":"pending"}}})", doc));
  EXPECT_FALSE(matches(R"({"term":{"status":"Pending"}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"status":{"value":"Pending","case_insensitive":true}}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"status.keyword":"pending"}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"n":5}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"n":"5"}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"ok":true}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"tags":"b"}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"connector.id":"c1"}})", doc));
  EXPECT_FALSE(matches(R"({"term":{"connector.id":"c2"}})", doc));
  EXPECT_TRUE(matches(R"({"term":{"_id":"doc-1"}})", doc));
}

TEST_F(QueryTest, DottedKeysCount) {
  EXPECT_TRUE(
      matches(R"({"term":{"connector.sync_cursor":"x"}})", R"({"connector.sync_cursor":"x"})"));
  EXPECT_TRUE(matches(R"({"term":{"a.b.c":1}})", R"({"a":{"b.c":1}})"));
}

TEST_F(QueryTest, TermsIdsExistsPrefixWildcard) {
  const std::string doc = R"({"job_type":"full","name":"Customers","empty":null})";
  EXPECT_TRUE(matches(R"({"terms":{"job_type":["incremental","full"]}})", doc));
  EXPECT_FALSE(matches(R"({"terms":{"job_type":["incremental"]}})", doc));
  EXPECT_TRUE(matches(R"({"terms":{"_id":["x","doc-1"]}})", doc));
  EXPECT_TRUE(matches(R"({"ids":{"values":["doc-1"]}})", doc));
  EXPECT_TRUE(matches(R"({"exists":{"field":"name"}})", doc));
  EXPECT_FALSE(matches(R"({"exists":{"field":"empty"}})", doc));
  EXPECT_FALSE(matches(R"({"exists":{"field":"missing"}})", doc));
  EXPECT_TRUE(matches(R"({"prefix":{"name":"Cust"}})", doc));
  EXPECT_FALSE(matches(R"({"prefix":{"name":"cust"}})", doc));
  EXPECT_TRUE(matches(R"({"prefix":{"name":{"value":"cust","case_insensitive":true}}})", doc));
  EXPECT_TRUE(matches(R"({"wildcard":{"name":{"value":"*tom*"}}})", doc));
}

TEST_F(QueryTest, RangeOnNumbersStringsAndInstants) {
  EXPECT_TRUE(matches(R"({"range":{"n":{"gte":5,"lt":6}}})", R"({"n":5})"));
  EXPECT_FALSE(matches(R"({"range":{"n":{"gt":5}}})", R"({"n":5})"));
  EXPECT_TRUE(matches(R"({"range":{"n":{"lte":"10"}}})", R"({"n":5})"));
  // Instants compare as instants even when spelled differently.
  EXPECT_TRUE(matches(R"({"range":{"last_seen":{"lte":"2024-01-10T10:00:00+00:00"}}})",
                      R"({"last_seen":"2024-01-10T09:59:59.999999Z"})"));
  EXPECT_FALSE(matches(R"({"range":{"last_seen":{"lt":"2024-01-10T10:00:00Z"}}})",
                       R"({"last_seen":"2024-01-10T11:00:00+01:00"})"));
  EXPECT_TRUE(matches(R"({"range":{"last_seen":{"lte":"now-300s"}}})",
                      R"({"last_seen":"2024-01-10T11:50:00Z"})"));
  EXPECT_FALSE(matches(R"({"range":{"last_seen":{"lte":"now-300s"}}})",
                       R"({"last_seen":"2024-01-10T11:58:00Z"})"));
  EXPECT_TRUE(matches(R"({"range":{"name":{"gte":"b","lt":"c"}}})", R"({"name":"bob"})"));
  EXPECT_FALSE(matches(R"({"range":{"n":{"gte":1}}})", R"({"other":1})"));
}

TEST_F(QueryTest, BoolSemantics) {
  const std::string doc = R"({"status":"pending","connector":{"id":"c1"},"deleted":false})";
  EXPECT_TRUE(matches(
      R"({"bool":{"must":[{"term":{"status":"pending"}}],"filter":{"term":{"connector.id":"c1"}},"must_not":{"term":{"deleted":true}}}})",
      doc));
  EXPECT_FALSE(matches(R"({"bool":{"must_not":[{"term":{"status":"pending"}}]}})", doc));
  // A should-only bool needs one match...
  EXPECT_FALSE(
      matches(R"({"bool":{"should":[{"term":{"status":"x"}},{"term":{"status":"y"}}]}})", doc));
  EXPECT_TRUE(matches(
      R"({"bool":{"should":[{"term":{"status":"x"}},{"term":{"status":"pending"}}]}})", doc));
  // ...but not when there is a must or filter clause.
  EXPECT_TRUE(matches(
      R"({"bool":{"filter":[{"term":{"status":"pending"}}],"should":[{"term":{"status":"x"}}]}})",
      doc));
  EXPECT_FALSE(matches(
      R"({"bool":{"filter":[{"term":{"status":"pending"}}],"should":[{"term":{"status":"x"}}],"minimum_should_match":1}})",
      doc));
  EXPECT_TRUE(matches(R"({"bool":{}})", doc));
}

TEST_F(QueryTest, MatchIsCaseInsensitiveWordContainment) {
  EXPECT_TRUE(matches(R"({"match":{"body":"quick fox"}})", R"({"body":"The Quick brown dog"})"));
  EXPECT_FALSE(matches(R"({"match":{"body":{"query":"quick fox","operator":"and"}}})",
                       R"({"body":"The Quick brown dog"})"));
  EXPECT_TRUE(
      matches(R"({"match_phrase":{"body":"quick brown"}})", R"({"body":"The Quick brown dog"})"));
  EXPECT_FALSE(
      matches(R"({"match_phrase":{"body":"brown quick"}})", R"({"body":"The Quick brown dog"})"));
}

TEST_F(QueryTest, MalformedQueriesAreParsingExceptions) {
  auto reason = [&](const std::string& query) {
    try {
      Query::parse(boost::json::parse(query), now_);
    } catch (const EsError& e) {
      EXPECT_EQ(e.status(), 400u);
      EXPECT_EQ(e.type(), "parsing_exception");
      return e.reason();
    }
    ADD_FAILURE() << "no error for " << query;
    return std::string();
  };
  EXPECT_EQ(reason(R"({"fuzzy_thing":{}})"), "unknown query [fuzzy_thing]");
  EXPECT_EQ(reason(R"({"bool":{"musty":[]}})"), "[bool] query does not support [musty]");
  EXPECT_EQ(reason(R"({"term":{"a":1,"b":2}})"),
            "[term] query doesn't support multiple fields, found [a] and [b]");
  EXPECT_EQ(reason(R"({"range":{"a":{"above":1}}})"), "[range] query does not support [above]");
  EXPECT_EQ(reason(R"({"exists":{}})"), "[exists] must be provided with a [field]");
  EXPECT_EQ(reason(R"({"match_all":{},"term":{"a":1}})"),
            "[match_all] malformed query, expected [END_OBJECT] but found [FIELD_NAME]");
}

TEST_F(QueryTest, ScoresAddUpOverMustAndShould) {
  const auto dsl = boost::json::parse(
      R"({"bool":{"must":[{"term":{"a":1}}],"should":[{"term":{"b":2}}],"filter":[{"term":{"c":3}}]}})");
  const Query q = Query::parse(dsl, now_);
  const auto both = boost::json::parse(R"({"a":1,"b":2,"c":3})");
  const auto one = boost::json::parse(R"({"a":1,"c":3})");
  EXPECT_EQ(q.score(DocContext{"1", "i", &both}).value(), 2.0);
  EXPECT_EQ(q.score(DocContext{"1", "i", &one}).value(), 1.0);
}

}  // namespace
}  // namespace connectors::emulator
