#include "sources/postgresql/codecs/system_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT '(0,1)'::tid, '(4294967295,65535)'::tid, '10:20:11,13'::pg_snapshot,
//        '10:20:'::txid_snapshot, '10:20:15'::pg_snapshot, '0/16B3748'::pg_lsn, '123'::xid8,
//        '77'::xid, '5'::cid, 'a'::"char"
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a000000000000000000000a0000000600000000000100000006ffffffffffff000000240000"
    "0002000000000000000a0000000000000014000000000000000b000000000000000d00000014000000000000000000"
    "00000a00000000000000140000001c00000001000000000000000a0000000000000014000000000000000f00000008"
    "00000000016b374800000008000000000000007b000000040000004d00000004000000050000000161ffff");

TEST(SystemCodec, TuplesBecomeArrays) {
  EXPECT_EQ(json_of(Codec::kTid, *kCaptured[0]), "[0,1]");
  EXPECT_EQ(json_of(Codec::kTid, *kCaptured[1]), "[4294967295,65535]");
  EXPECT_EQ(json_of(Codec::kSnapshot, *kCaptured[2]), "[10,20,[11,13]]");
  EXPECT_EQ(json_of(Codec::kSnapshot, *kCaptured[3]), "[10,20,[]]");
  EXPECT_EQ(json_of(Codec::kSnapshot, *kCaptured[4]), "[10,20,[15]]");
}

TEST(SystemCodec, PythonStrOfTheTuples) {
  EXPECT_EQ(str_of(Codec::kTid, *kCaptured[0]), "(0, 1)");
  EXPECT_EQ(str_of(Codec::kSnapshot, *kCaptured[2]), "(10, 20, (11, 13))");
  EXPECT_EQ(str_of(Codec::kSnapshot, *kCaptured[3]), "(10, 20, ())");
  EXPECT_EQ(str_of(Codec::kSnapshot, *kCaptured[4]), "(10, 20, (15,))");  // a one-element tuple
}

TEST(SystemCodec, IdsAndLogPositionsAreNumbers) {
  EXPECT_EQ(json_of(Codec::kInt8, *kCaptured[5]), "23803720");  // pg_lsn: asyncpg's int8 codec
  EXPECT_EQ(json_of(Codec::kUint8, *kCaptured[6]), "123");       // xid8
  EXPECT_EQ(json_of(Codec::kOid, *kCaptured[7]), "77");          // xid
  EXPECT_EQ(json_of(Codec::kOid, *kCaptured[8]), "5");           // cid
  EXPECT_EQ(str_of(Codec::kUint8, *kCaptured[6]), "123");
  EXPECT_EQ(scalar_codec_for_type(3220), Codec::kInt8);
  EXPECT_EQ(scalar_codec_for_type(5069), Codec::kUint8);
  EXPECT_EQ(scalar_codec_for_type(28), Codec::kOid);
}

TEST(SystemCodec, CharIsBytesAsInAsyncpg) {
  EXPECT_EQ(scalar_codec_for_type(18), Codec::kBytea);
  EXPECT_EQ(json_of(Codec::kBytea, *kCaptured[9]), R"("a")");
  EXPECT_EQ(str_of(Codec::kBytea, *kCaptured[9]), "b'a'");
}

TEST(SystemCodec, RejectsMalformedValues) {
  EXPECT_THROW(json_of(Codec::kTid, from_hex("0000000000")), PgError);
  const std::string& snapshot = *kCaptured[2];
  for (std::size_t cut = 0; cut < snapshot.size(); ++cut) {
    EXPECT_THROW(json_of(Codec::kSnapshot, snapshot.substr(0, cut)), PgError) << cut;
  }
  EXPECT_THROW(json_of(Codec::kSnapshot, snapshot + "12345678"), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
