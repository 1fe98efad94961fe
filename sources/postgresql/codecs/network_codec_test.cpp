#include "sources/postgresql/codecs/network_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT '192.168.1.1'::inet, '10.30.0.9/24'::inet, '10.0.0.0/8'::cidr, '2001:db8::1'::inet,
//        '2001:db8::/32'::cidr
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a00000000000000000000050000000802200004c0a8010100000008021800040a1e0009"
    "00000008020801040a000000000000140380001020010db8000000000000000000000001000000140320011020"
    "010db8000000000000000000000000ffff");

std::string inet(const std::string& bytes) {
  std::string out;
  append_inet(out, bytes);
  return out;
}

TEST(NetworkCodec, WritesWhatPythonsIpaddressPrints) {
  EXPECT_EQ(inet(*kCaptured[0]), "192.168.1.1");     // IPv4Address
  EXPECT_EQ(inet(*kCaptured[1]), "10.30.0.9/24");    // IPv4Interface
  EXPECT_EQ(inet(*kCaptured[2]), "10.0.0.0/8");      // IPv4Network
  EXPECT_EQ(inet(*kCaptured[3]), "2001:db8::1");     // IPv6Address
  EXPECT_EQ(inet(*kCaptured[4]), "2001:db8::/32");   // IPv6Network
  EXPECT_EQ(json_of(Codec::kInet, *kCaptured[0]), "\"192.168.1.1\"");
  EXPECT_EQ(str_of(Codec::kInet, *kCaptured[2]), "10.0.0.0/8");
}

std::string ipv6(const std::string& hex_address, int bits = 128, bool cidr = false) {
  return inet(from_hex("03") + static_cast<char>(bits) + static_cast<char>(cidr ? 1 : 0) + "\x10" +
              from_hex(hex_address));
}

TEST(NetworkCodec, CompressesIpv6AsRfc5952) {
  EXPECT_EQ(ipv6("00000000000000000000000000000001"), "::1");
  EXPECT_EQ(ipv6("00000000000000000000000000000000"), "::");
  EXPECT_EQ(ipv6("fe800000000000000000000000000000"), "fe80::");
  EXPECT_EQ(ipv6("20010db8000000010000000000000001"), "2001:db8:0:1::1");  // one zero group stays
  EXPECT_EQ(ipv6("20010000000000010000000000000001"), "2001:0:0:1::1");    // longest run wins
  EXPECT_EQ(ipv6("20010000000000010000000000010001"), "2001::1:0:0:1:1");  // first run on a tie
  EXPECT_EQ(ipv6("00000000000000000000ffffc0000201"), "::ffff:c000:201");
  EXPECT_EQ(ipv6("20010db8000000000000000000000000", 128, true), "2001:db8::/128");
}

TEST(NetworkCodec, RejectsMalformedValues) {
  EXPECT_THROW(inet(from_hex("022000030a0000")), PgError);      // IPv4 with 3 address bytes
  EXPECT_THROW(inet(from_hex("02210004c0a80101")), PgError);    // /33
  EXPECT_THROW(inet(from_hex("07200004c0a80101")), PgError);    // unknown family
  EXPECT_THROW(inet(from_hex("02200004c0a8010100")), PgError);  // trailing byte
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
