#include "sources/postgresql/ca_bundle_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace connectors::sources::postgresql {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CaBundleFile, SystemBundleThenTheConfiguredCaInAPrivateFileRemovedAfterwards) {
  const std::string system = testing::TempDir() + "/system-bundle.crt";
  std::ofstream(system) << "SYSTEM CAS";  // no trailing newline: one is added
  std::string path;
  {
    const CaBundleFile bundle("-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----", system);
    path = bundle.path();
    EXPECT_EQ(read_file(path), "SYSTEM CAS\n-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n");
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(CaBundleFile, AMissingSystemBundleLeavesTheConfiguredCa) {
  const CaBundleFile bundle("PEM", "/nonexistent/bundle.crt");
  EXPECT_EQ(read_file(bundle.path()), "PEM\n");
}

}  // namespace
}  // namespace connectors::sources::postgresql
