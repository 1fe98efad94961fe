#include "sources/postgresql/codecs/numeric_codec.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT 1.50::numeric, -0.0001::numeric, 'NaN'::numeric, 'Infinity'::numeric,
//        123456789.987654321::numeric, 0::numeric, 10000::numeric
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a00000000000000000000070000000c0002000000000002000113880000000a0001ffff"
    "4000000400010000000800000000c00000000000000800000000d0000020000000140006000200000009000109"
    "291a852694153803e80000000800000000000000000000000a00010001000000000001ffff");

std::string text_of(const std::string& bytes) {
  std::string out;
  append_numeric_text(out, bytes);
  return out;
}

TEST(NumericCodec, TextIsWhatPostgresqlPrints) {
  EXPECT_EQ(text_of(*kCaptured[0]), "1.50");
  EXPECT_EQ(text_of(*kCaptured[1]), "-0.0001");
  EXPECT_EQ(text_of(*kCaptured[2]), "NaN");
  EXPECT_EQ(text_of(*kCaptured[3]), "Infinity");
  EXPECT_EQ(text_of(*kCaptured[4]), "123456789.987654321");
  EXPECT_EQ(text_of(*kCaptured[5]), "0");
  EXPECT_EQ(text_of(*kCaptured[6]), "10000");
  EXPECT_EQ(str_of(Codec::kNumeric, *kCaptured[0]), "1.50");  // the `_id` spelling
}

TEST(NumericCodec, JsonIsPythonFloatOfTheDecimal) {
  EXPECT_EQ(json_of(Codec::kNumeric, *kCaptured[0]), "1.5");
  EXPECT_EQ(json_of(Codec::kNumeric, *kCaptured[1]), "-0.0001");
  EXPECT_EQ(json_of(Codec::kNumeric, *kCaptured[4]), "123456789.98765433");  // Python: float(Decimal(...))
  EXPECT_EQ(json_of(Codec::kNumeric, *kCaptured[5]), "0.0");
  EXPECT_EQ(json_of(Codec::kNumeric, *kCaptured[6]), "10000.0");
  EXPECT_EQ(json_of(Codec::kNumeric, *kCaptured[2]), "null");  // NaN
  EXPECT_EQ(json_of(Codec::kNumeric, *kCaptured[3]), "null");  // Infinity
}

// SELECT 10000::numeric, 1000000::numeric, 0.0000001::numeric, 1.50::numeric, 123.456::numeric,
//        0.00::numeric, 0::numeric, 0.00001::numeric, -5::numeric, 12340000::numeric,
//        'NaN'::numeric, 'Infinity'::numeric, '-Infinity'::numeric, 0.0000000001::numeric,
//        100.5::numeric, 0.5::numeric, 1e20::numeric, 10000.00::numeric, -0.0000001::numeric,
//        0.0000000::numeric
const Row kKeys = captured_row(
    "5047434f50590aff0d0a00000000000000000000140000000a000100010000000000010000000a00010001000000"
    "0000640000000a0001fffe00000007000a0000000c0002000000000002000113880000000c0002000000000003007b"
    "11d00000000800000000000000020000000800000000000000000000000a0001fffe0000000503e80000000a000100"
    "004000000000050000000a000100010000000004d20000000800000000c00000000000000800000000d00000200000"
    "000800000000f00000200000000a0001fffd0000000a00640000000c0002000000000001006413880000000a0001ff"
    "ff0000000113880000000a000100050000000000010000000a000100010000000200010000000a0001fffe40000007"
    "000a000000080000000000000007ffff");

TEST(NumericCodec, IdsHoldPythonStrOfAsyncpgsDecimal) {
  // asyncpg builds Decimal("0.<digits>E<exponent>"); str() then switches to scientific
  // notation for positive exponents and values below 1e-6 (checked against CPython).
  const std::vector<std::string> expected = {
      "1E+4", "1.00E+6", "1E-7", "1.50", "123.456", "0.00", "0", "0.00001", "-5", "1.234E+7",
      "NaN", "Infinity", "-Infinity", "1E-10", "100.5", "0.5", "1E+20", "10000.00", "-1E-7", "0E-7"};
  ASSERT_EQ(kKeys.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(str_of(Codec::kNumeric, *kKeys[i]), expected[i]) << i;
  }
  // The documents keep the value: float(Decimal).
  EXPECT_EQ(json_of(Codec::kNumeric, *kKeys[0]), "10000.0");
  EXPECT_EQ(json_of(Codec::kNumeric, *kKeys[2]), "1e-07");
  EXPECT_EQ(json_of(Codec::kNumeric, *kKeys[16]), "1e+20");
}

TEST(NumericCodec, HandBuiltEdgeCases) {
  // 1e-400 (weight -100, one digit 1, dscale 400): below the double range -> 0.0.
  const std::string tiny = from_hex("0001" "ff9c" "0000" "0190" "0001");
  EXPECT_EQ(decode_numeric_double(tiny), 0.0);
  // -1e400 (weight 100, negative): beyond the double range -> -inf, written as null.
  const std::string huge = from_hex("0001" "0064" "4000" "0000" "0001");
  EXPECT_EQ(decode_numeric_double(huge), -INFINITY);
  EXPECT_EQ(json_of(Codec::kNumeric, huge), "null");
  // -Infinity
  EXPECT_EQ(text_of(from_hex("0000" "0000" "f000" "0000")), "-Infinity");
  // 0.00 (zero with display scale 2)
  EXPECT_EQ(text_of(from_hex("0000" "0000" "0000" "0002")), "0.00");
  // 12.3456789 with dscale 3 shows the scale's digits: 12.345
  EXPECT_EQ(text_of(from_hex("0003" "0000" "0000" "0003" "000c" "0d80" "1ed2")), "12.345");
}

TEST(NumericCodec, LongValuesConvertToo) {
  // 160 nines: 40 base-10000 digits of 9999, longer than the converter's stack buffer.
  std::string bytes = from_hex("0028" "0027" "0000" "0000");
  for (int i = 0; i < 40; ++i) bytes += from_hex("270f");
  EXPECT_EQ(text_of(bytes), std::string(160, '9'));
  EXPECT_EQ(json_of(Codec::kNumeric, bytes), "1e+160");
}

TEST(NumericCodec, RejectsMalformedValues) {
  EXPECT_THROW(text_of(from_hex("0001000000000000")), PgError);            // digit missing
  EXPECT_THROW(text_of(from_hex("000100000000000027100000")), PgError);    // digit 10000 + extra
  EXPECT_THROW(text_of(from_hex("0001000012340000" "0001")), PgError);     // unknown sign
  EXPECT_THROW(text_of(from_hex("ffff000000000000")), PgError);            // negative count
  EXPECT_THROW(text_of(from_hex("000000")), PgError);                      // short header
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
