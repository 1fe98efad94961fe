#include "ftest/es_emulator/sort_spec.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace connectors::emulator {
namespace {

std::vector<std::string> sorted_ids(const SortSpec& spec,
                                    const std::vector<std::pair<std::string, std::string>>& docs) {
  struct Entry {
    std::string id;
    boost::json::array keys;
  };
  std::vector<Entry> entries;
  std::uint64_t ordinal = 0;
  for (const auto& [id, source] : docs) {
    const auto parsed = boost::json::parse(source);
    entries.push_back({id, spec.keys(DocContext{id, "i", &parsed}, 1.0, ordinal++)});
  }
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    return spec.compare(a.keys, b.keys) < 0;
  });
  std::vector<std::string> ids;
  for (const auto& e : entries) ids.push_back(e.id);
  return ids;
}

const std::vector<std::pair<std::string, std::string>> kDocs = {
    {"a", R"({"name":"search-3","created_at":"2024-01-02T00:00:00Z","n":[3,10]})"},
    {"b", R"({"name":"content-2","created_at":"2024-01-03T00:00:00.5Z","n":1})"},
    {"c", R"({"created_at":"2024-01-01T00:00:00Z"})"},
    {"d", R"({"name":"search-1","created_at":"2024-01-02T12:00:00+01:00","n":5})"},
};

TEST(SortSpec, AscendingWithMissingLast) {
  EXPECT_EQ(sorted_ids(SortSpec::parse(boost::json::parse(R"("name")")), kDocs),
            (std::vector<std::string>{"b", "d", "a", "c"}));
}

TEST(SortSpec, DescendingKeepsMissingLastAndComparesInstants) {
  EXPECT_EQ(sorted_ids(SortSpec::parse(boost::json::parse(R"([{"created_at":{"order":"desc"}}])")),
                       kDocs),
            (std::vector<std::string>{"b", "d", "a", "c"}));
  EXPECT_EQ(sorted_ids(SortSpec::parse(boost::json::parse(R"({"name":"desc"})")), kDocs),
            (std::vector<std::string>{"a", "d", "b", "c"}));
  EXPECT_EQ(sorted_ids(SortSpec::parse(
                           boost::json::parse(R"({"name":{"order":"asc","missing":"_first"}})")),
                       kDocs),
            (std::vector<std::string>{"c", "b", "d", "a"}));
}

TEST(SortSpec, ArraysSortByMinAscendingAndMaxDescending) {
  EXPECT_EQ(sorted_ids(SortSpec::parse(boost::json::parse(R"("n")")), kDocs),
            (std::vector<std::string>{"b", "a", "d", "c"}));
  EXPECT_EQ(sorted_ids(SortSpec::parse(boost::json::parse(R"({"n":"desc"})")), kDocs),
            (std::vector<std::string>{"a", "d", "b", "c"}));
}

TEST(SortSpec, IdDocAndParam) {
  EXPECT_EQ(sorted_ids(SortSpec::parse(boost::json::parse(R"({"_id":"desc"})")), kDocs),
            (std::vector<std::string>{"d", "c", "b", "a"}));
  EXPECT_EQ(sorted_ids(SortSpec::parse(boost::json::parse(R"("_doc")")), kDocs),
            (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(sorted_ids(SortSpec::parse_param("name:desc"), kDocs),
            (std::vector<std::string>{"a", "d", "b", "c"}));
  EXPECT_TRUE(SortSpec::parse(boost::json::parse(R"("_score")")).sorts_by_score());
}

}  // namespace
}  // namespace connectors::emulator
