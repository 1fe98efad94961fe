#include "ftest/es_emulator/unrecognized_params.hpp"

#include <array>

#include <gtest/gtest.h>

namespace connectors::emulator {
namespace {

constexpr std::array<std::string_view, 2> kCommon = {"pretty", "filter_path"};

std::string message(std::string_view query, std::vector<std::string_view> accepted) {
  const auto error = unrecognized_params("/p", Params::parse_query(query), accepted, kCommon);
  return error ? error->type() + ": " + error->reason() : "accepted";
}

TEST(UnrecognizedParams, AcceptedAndCommonParametersPass) {
  EXPECT_EQ(message("size=1&pretty&filter_path=a", {"size"}), "accepted");
}

TEST(UnrecognizedParams, OneUnknownWithAndWithoutSuggestion) {
  EXPECT_EQ(
      message("pipelne=x", {"pipeline", "refresh"}),
      "illegal_argument_exception: request [/p] contains unrecognized parameter: [pipelne] -> "
      "did you mean [pipeline]?");
  EXPECT_EQ(message("zzz=1", {"size"}),
            "illegal_argument_exception: request [/p] contains "
            "unrecognized parameter: [zzz]");
}

TEST(UnrecognizedParams, SeveralUnknownSortedAndSeveralSuggestionsBestFirst) {
  EXPECT_EQ(
      message("refresh_x=1&b=2&prety", {"refresh", "refresh_all"}),
      "illegal_argument_exception: request [/p] contains unrecognized parameters: [b], [prety] "
      "-> did you mean [pretty]?, [refresh_x] -> did you mean any of [refresh, refresh_all]?");
}

TEST(UnrecognizedParams, LuceneLevenshteinSimilarity) {
  EXPECT_FLOAT_EQ(levenshtein_similarity("size", "size"), 1.0f);
  EXPECT_FLOAT_EQ(levenshtein_similarity("szie", "size"), 0.5f);  // not above 0.5: no suggestion
  EXPECT_FLOAT_EQ(levenshtein_similarity("", ""), 1.0f);
  EXPECT_FLOAT_EQ(levenshtein_similarity("a", ""), 0.0f);
  EXPECT_FLOAT_EQ(levenshtein_similarity("kitten", "sitting"), 1.0f - 3.0f / 7.0f);
}

}  // namespace
}  // namespace connectors::emulator
