#include "sources/postgresql/copy_binary_parser.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql {
namespace {

using testing::copy_rows;
using testing::from_hex;

const std::string kSignature = "5047434f50590aff0d0a00";  // "PGCOPY\n\377\r\n\0"
const std::string kHeader = kSignature + "00000000" "00000000";  // flags, extension length

// COPY (SELECT 1::int2, -2::int4, 9223372036854775807::int8, 4294967295::oid) TO STDOUT
// (FORMAT binary), from PostgreSQL 15: header and the tuple in one message, then the trailer.
const std::string kIntegers = from_hex(
    kHeader +
    "0004" "000000020001" "00000004fffffffe" "000000087fffffffffffffff" "00000004ffffffff"
    "ffff");

// Two rows of (int4, text) with a NULL, hand-built.
const std::string kTwoRows = from_hex(
    kHeader +
    "0002" "0000000400000001" "00000002" "6869"
    "0002" "0000000400000002" "ffffffff"
    "ffff");

struct Collect final : CopyRowHandler {
  std::vector<testing::Row> rows;
  void on_row(std::span<const CopyField> fields) override {
    testing::Row row;
    for (const auto& f : fields) {
      row.push_back(f.is_null() ? std::nullopt : std::optional<std::string>(std::string(f.bytes())));
    }
    rows.push_back(std::move(row));
  }
};

TEST(CopyBinaryParser, ParsesACapturedStream) {
  const auto rows = copy_rows(kIntegers);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].size(), 4u);
  EXPECT_EQ(*rows[0][0], from_hex("0001"));
  EXPECT_EQ(*rows[0][3], from_hex("ffffffff"));
}

TEST(CopyBinaryParser, ReportsNullsAndCountsRows) {
  Collect collect;
  CopyBinaryParser parser(2);
  parser.feed(kTwoRows, collect);
  parser.finish();
  EXPECT_TRUE(parser.finished());
  EXPECT_EQ(parser.rows(), 2u);
  ASSERT_EQ(collect.rows.size(), 2u);
  EXPECT_EQ(*collect.rows[0][1], "hi");
  EXPECT_FALSE(collect.rows[1][1].has_value());
}

TEST(CopyBinaryParser, AnySplitIntoChunksGivesTheSameRows) {
  const auto whole = copy_rows(kTwoRows);
  for (std::size_t split = 0; split <= kTwoRows.size(); ++split) {
    for (std::size_t second = split; second <= kTwoRows.size(); second += 3) {
      Collect collect;
      CopyBinaryParser parser;
      parser.feed(std::string_view(kTwoRows).substr(0, split), collect);
      parser.feed(std::string_view(kTwoRows).substr(split, second - split), collect);
      parser.feed(std::string_view(kTwoRows).substr(second), collect);
      parser.finish();
      EXPECT_EQ(collect.rows, whole) << "split at " << split << ", " << second;
    }
  }
}

TEST(CopyBinaryParser, AnEmptyResultIsHeaderAndTrailer) {
  const auto rows = copy_rows(from_hex(kHeader + "ffff"));
  EXPECT_TRUE(rows.empty());
}

TEST(CopyBinaryParser, SkipsAHeaderExtension) {
  const auto rows = copy_rows(from_hex(kSignature + "00000000" "00000003" "aabbcc" "0001000000017a" "ffff"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(*rows[0][0], "z");
}

void expect_malformed(const std::string& stream, const std::string& fragment, int expected_fields = -1) {
  Collect collect;
  CopyBinaryParser parser(expected_fields);
  try {
    parser.feed(stream, collect);
    parser.finish();
    FAIL() << "expected a malformed-data error containing: " << fragment;
  } catch (const PgError& e) {
    EXPECT_TRUE(e.permanent());
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(CopyBinaryParser, RejectsCorruptAndTruncatedInput) {
  expect_malformed(from_hex("5047434f50590aff0d0b00" "00000000" "00000000" "ffff"), "bad signature");
  expect_malformed("PGCOPX", "bad signature");
  expect_malformed(from_hex(kSignature + "00010000" "00000000" "ffff"), "unsupported header flags");
  expect_malformed(from_hex(kSignature + "00000000" "ffffffff"), "negative header extension");
  expect_malformed(kTwoRows, "tuple has 2 fields, expected 3", 3);
  expect_malformed(from_hex(kHeader + "0001fffffffe" "ffff"),
                   "field length -2");
  expect_malformed(from_hex(kHeader + "fff0"), "field count -16");
  expect_malformed(kTwoRows + "x", "data after the trailer");
  // Truncated anywhere before the trailer's end.
  for (std::size_t cut = 0; cut < kTwoRows.size(); ++cut) {
    expect_malformed(kTwoRows.substr(0, cut), "stream ended");
  }
}

TEST(CopyBinaryParser, AFieldLongerThanTheStreamWaitsThenFails) {
  // Declares 100 bytes, has 2: a partial tuple, never completed.
  expect_malformed(from_hex(kHeader + "0001" "00000064" "6869"),
                   "stream ended before the trailer");
}

TEST(CopyBinaryParser, HandlerExceptionsPropagate) {
  struct Throwing final : CopyRowHandler {
    void on_row(std::span<const CopyField>) override { throw std::runtime_error("stop here"); }
  } throwing;
  CopyBinaryParser parser;
  EXPECT_THROW(parser.feed(kTwoRows, throwing), std::runtime_error);
}

}  // namespace
}  // namespace connectors::sources::postgresql
