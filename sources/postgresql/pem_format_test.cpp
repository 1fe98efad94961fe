#include "sources/postgresql/pem_format.hpp"

#include <gtest/gtest.h>

namespace connectors::sources::postgresql {
namespace {

TEST(PemFormat, ReflowsASingleLinePaste) {
  EXPECT_EQ(pem_format("-----BEGIN CERTIFICATE----- MIIB abc DEF= -----END CERTIFICATE-----"),
            "-----BEGIN CERTIFICATE-----\nMIIB\nabc\nDEF=\n-----END CERTIFICATE-----");
  EXPECT_EQ(pem_format("  -----BEGIN CERTIFICATE----- X -----END CERTIFICATE-----  "),
            "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----");
}

TEST(PemFormat, ReflowsSeveralCertificatesOnOneLine) {
  EXPECT_EQ(pem_format("-----BEGIN CERTIFICATE----- A1 A2 -----END CERTIFICATE----- "
                       "-----BEGIN CERTIFICATE----- B1 -----END CERTIFICATE-----"),
            "-----BEGIN CERTIFICATE-----\nA1\nA2\n-----END CERTIFICATE-----\n"
            "-----BEGIN CERTIFICATE-----\nB1\n-----END CERTIFICATE-----\n");
}

TEST(PemFormat, NormalisesMultiLineInput) {
  EXPECT_EQ(pem_format("\n  -----BEGIN CERTIFICATE-----  \r\n MIIB\n\n  abc \n-----END CERTIFICATE-----\n"),
            "-----BEGIN CERTIFICATE-----\nMIIB\nabc\n-----END CERTIFICATE-----");
}

TEST(PemFormat, SingleLineWithoutEndMarkerGivesNothing) {
  EXPECT_EQ(pem_format("not a certificate"), "");
}

TEST(PemFormat, OtherMarkers) {
  EXPECT_EQ(pem_format("-----BEGIN PRIVATE KEY----- PrivateKey -----END PRIVATE KEY-----",
                       "-----END PRIVATE KEY-----"),
            "-----BEGIN PRIVATE KEY-----\nPrivateKey\n-----END PRIVATE KEY-----");
}

}  // namespace
}  // namespace connectors::sources::postgresql
