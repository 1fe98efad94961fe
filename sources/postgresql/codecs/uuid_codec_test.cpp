#include "sources/postgresql/codecs/uuid_codec.hpp"

#include <gtest/gtest.h>

#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/testing/codec_helpers.hpp"
#include "sources/postgresql/testing/copy_bytes.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

using namespace testing;

// SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid
const Row kCaptured = captured_row(
    "5047434f50590aff0d0a000000000000000000000100000010a0eebc999c0b4ef8bb6d6bb9bd380a11ffff");

TEST(UuidCodec, LowerCaseCanonicalForm) {
  EXPECT_EQ(json_of(Codec::kUuid, *kCaptured[0]), "\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\"");
  EXPECT_EQ(str_of(Codec::kUuid, *kCaptured[0]), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(str_of(Codec::kUuid, std::string(16, '\0')), "00000000-0000-0000-0000-000000000000");
  EXPECT_THROW(str_of(Codec::kUuid, std::string(15, '\0')), PgError);
}

}  // namespace
}  // namespace connectors::sources::postgresql::codecs
