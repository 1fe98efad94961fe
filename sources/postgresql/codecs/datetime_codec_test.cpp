#include "sources/postgresql/codecs/datetime_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT '2024-01-31'::date, 'infinity'::date, '-infinity'::date, '1999-12-31'::date
const Row kDates = captured_row(
    "5047434f50590aff0d0a0000000000000000000004000000040000225c000000047fffffff0000000480000000"
    "00000004ffffffffffff");
// SELECT '10:00:00'::time, '10:00:00.0005'::time, '10:00:00+02'::timetz,
//        '23:59:59.999999-05:30'::timetz
const Row kTimes = captured_row(
    "5047434f50590aff0d0a0000000000000000000004000000080000000861c46800000000080000000861c469f4"
    "0000000c0000000861c46800ffffe3e00000000c000000141dd75fff00004d58ffff");
// SELECT '2024-01-31 10:00:00'::timestamp, '2024-01-31 10:00:00.123456+02'::timestamptz,
//        'infinity'::timestamp, '-infinity'::timestamptz, '1970-01-01'::timestamp
const Row kTimestamps = captured_row(
    "5047434f50590aff0d0a0000000000000000000005000000080002b339b5eae800000000080002b33808c58240"
    "000000087fffffffffffffff00000008800000000000000000000008fffca2fec4c82000ffff");

TEST(DateTimeCodec, Dates) {
  EXPECT_EQ(json_of(Codec::kDate, *kDates[0]), "\"2024-01-31\"");
  EXPECT_EQ(json_of(Codec::kDate, *kDates[1]), "\"9999-12-31\"");  // infinity: date.max
  EXPECT_EQ(json_of(Codec::kDate, *kDates[2]), "\"0001-01-01\"");  // -infinity: date.min
  EXPECT_EQ(str_of(Codec::kDate, *kDates[3]), "1999-12-31");
  EXPECT_EQ(str_of(Codec::kDate, from_hex("00000000")), "2000-01-01");
  // 2000-03-01 (leap year) is day 60; 1900-03-01 is before a non-leap February.
  EXPECT_EQ(str_of(Codec::kDate, from_hex("0000003c")), "2000-03-01");
  EXPECT_EQ(str_of(Codec::kDate, from_hex("ffff718f")), "1900-03-01");
}

TEST(DateTimeCodec, TimesWithAndWithoutZone) {
  EXPECT_EQ(json_of(Codec::kTime, *kTimes[0]), "\"10:00:00\"");
  EXPECT_EQ(json_of(Codec::kTime, *kTimes[1]), "\"10:00:00.000500\"");
  EXPECT_EQ(json_of(Codec::kTimeTz, *kTimes[2]), "\"10:00:00+02:00\"");
  EXPECT_EQ(json_of(Codec::kTimeTz, *kTimes[3]), "\"23:59:59.999999-05:30\"");
  EXPECT_EQ(str_of(Codec::kTime, from_hex("000000141dd76000")), "24:00:00");
  EXPECT_THROW(str_of(Codec::kTime, from_hex("ffffffffffffffff")), PgError);
}

TEST(DateTimeCodec, TimestampsInIsoformatAndStr) {
  EXPECT_EQ(json_of(Codec::kTimestamp, *kTimestamps[0]), "\"2024-01-31T10:00:00\"");
  EXPECT_EQ(str_of(Codec::kTimestamp, *kTimestamps[0]), "2024-01-31 10:00:00");
  EXPECT_EQ(json_of(Codec::kTimestampTz, *kTimestamps[1]), "\"2024-01-31T08:00:00.123456+00:00\"");
  EXPECT_EQ(str_of(Codec::kTimestampTz, *kTimestamps[1]), "2024-01-31 08:00:00.123456+00:00");
  EXPECT_EQ(json_of(Codec::kTimestamp, *kTimestamps[2]), "\"9999-12-31T23:59:59.999999\"");
  EXPECT_EQ(json_of(Codec::kTimestampTz, *kTimestamps[3]), "\"0001-01-01T00:00:00\"");
  EXPECT_EQ(json_of(Codec::kTimestamp, *kTimestamps[4]), "\"1970-01-01T00:00:00\"");
  // One microsecond before the PostgreSQL epoch.
  EXPECT_EQ(str_of(Codec::kTimestamp, from_hex("ffffffffffffffff")), "1999-12-31 23:59:59.999999");
  EXPECT_THROW(str_of(Codec::kTimestamp, from_hex("00")), PgError);
}

TEST(DateTimeCodec, YearsPythonCannotHoldKeepTheirDigits) {
  // 10000-01-01: the day after 9999-12-31.
  EXPECT_EQ(str_of(Codec::kDate, from_hex("002c95d4")), "10000-01-01");
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
