#include "sources/postgresql/codecs/geometry_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT '(1.5,2.5)'::point, '[(0,0),(1,1)]'::lseg, '((2,2),(0,0))'::box,
//        '[(0,0),(1,1),(2,0)]'::path, '((0,0),(1,1),(2,0))'::path,
//        '((0,0),(1,0),(1,1),(0,1))'::polygon, '{1,-1,0}'::line, '<(0,0),5>'::circle,
//        '(1e16,0.00001)'::point, '(-0.0,NaN)'::point
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a000000000000000000000a000000103ff800000000000040040000000000000000002000"
    "0000000000000000000000000000003ff00000000000003ff0000000000000000000204000000000000000400000"
    "00000000000000000000000000000000000000000000000035000000000300000000000000000000000000000000"
    "3ff00000000000003ff0000000000000400000000000000000000000000000000000003501000000030000000000"
    "00000000000000000000003ff00000000000003ff000000000000040000000000000000000000000000000000000"
    "4400000004000000000000000000000000000000003ff000000000000000000000000000003ff00000000000003f"
    "f000000000000000000000000000003ff0000000000000000000183ff0000000000000bff0000000000000000000"
    "000000000000000018000000000000000000000000000000004014000000000000000000104341c37937e080003e"
    "e4f8b588e368f10000001080000000000000007ff8000000000000ffff");

TEST(GeometryCodec, WritesElasticsStringsWithPythonFloats) {
  EXPECT_EQ(json_of(Codec::kPoint, *kCaptured[0]), R"x("(1.5, 2.5)")x");
  EXPECT_EQ(json_of(Codec::kLseg, *kCaptured[1]), R"x("[(0.0, 0.0), (1.0, 1.0)]")x");
  EXPECT_EQ(json_of(Codec::kBox, *kCaptured[2]), R"x("[(2.0, 2.0), (0.0, 0.0)]")x");  // high, then low
  EXPECT_EQ(json_of(Codec::kPath, *kCaptured[3]), R"x("open [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]")x");
  EXPECT_EQ(json_of(Codec::kPath, *kCaptured[4]), R"x("closed [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]")x");
  EXPECT_EQ(json_of(Codec::kPolygon, *kCaptured[5]), R"x("[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]")x");
  // line and circle are str() of tuples.
  EXPECT_EQ(json_of(Codec::kLine, *kCaptured[6]), R"x("(1.0, -1.0, 0.0)")x");
  EXPECT_EQ(json_of(Codec::kCircle, *kCaptured[7]), R"x("((0.0, 0.0), 5.0)")x");
  // repr(float): exponent form outside [1e-4, 1e16), signed zero, nan.
  EXPECT_EQ(json_of(Codec::kPoint, *kCaptured[8]), R"x("(1e+16, 1e-05)")x");
  EXPECT_EQ(json_of(Codec::kPoint, *kCaptured[9]), R"x("(-0.0, nan)")x");
}

TEST(GeometryCodec, PythonStrOfAsyncpgObjects) {
  EXPECT_EQ(str_of(Codec::kPoint, *kCaptured[0]), "asyncpg.pgproto.types.Point((1.5, 2.5))");
  EXPECT_EQ(str_of(Codec::kLseg, *kCaptured[1]),
            "asyncpg.pgproto.types.LineSegment((asyncpg.pgproto.types.Point((0.0, 0.0)), "
            "asyncpg.pgproto.types.Point((1.0, 1.0))))");
  EXPECT_EQ(str_of(Codec::kBox, *kCaptured[2]),
            "asyncpg.pgproto.types.Box((asyncpg.pgproto.types.Point((2.0, 2.0)), "
            "asyncpg.pgproto.types.Point((0.0, 0.0))))");
  EXPECT_EQ(str_of(Codec::kLine, *kCaptured[6]), "(1.0, -1.0, 0.0)");
  EXPECT_EQ(str_of(Codec::kCircle, *kCaptured[7]), "((0.0, 0.0), 5.0)");
}

TEST(GeometryCodec, RejectsMalformedValues) {
  EXPECT_THROW(json_of(Codec::kPoint, kCaptured[0]->substr(0, 15)), PgError);
  EXPECT_THROW(json_of(Codec::kBox, *kCaptured[0]), PgError);
  const std::string& path = *kCaptured[3];
  for (std::size_t cut = 0; cut < path.size(); ++cut) {
    EXPECT_THROW(json_of(Codec::kPath, path.substr(0, cut)), PgError) << cut;
  }
  EXPECT_THROW(json_of(Codec::kPath, path + "x"), PgError);
  // A point count larger than the bytes.
  EXPECT_THROW(json_of(Codec::kPolygon, from_hex("7fffffff")), PgError);
  EXPECT_THROW(json_of(Codec::kPolygon, from_hex("ffffffff")), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
