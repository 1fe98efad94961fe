#include "ftest/es_emulator/server_options.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace connectors::emulator {
namespace {

ServerOptions parse(std::vector<const char*> args) {
  args.insert(args.begin(), "es-emulator");
  return parse_server_options(static_cast<int>(args.size()), args.data());
}

TEST(ServerOptions, DefaultsAndValues) {
  const auto defaults = parse({});
  EXPECT_EQ(defaults.host, "127.0.0.1");
  EXPECT_EQ(defaults.port, 9200);
  EXPECT_EQ(defaults.es_version, "9.2.0");
  EXPECT_EQ(defaults.max_content_length, 100u * 1024 * 1024);
  EXPECT_FALSE(defaults.security);
  EXPECT_TRUE(parse({"--security"}).security);
  const auto options = parse(
      {"--port", "0", "--es-version=8.19.3", "--threads", "4", "--max-content-length", "1kb"});
  EXPECT_EQ(options.port, 0);
  EXPECT_EQ(options.es_version, "8.19.3");
  EXPECT_EQ(options.threads, 4);
  EXPECT_EQ(options.max_content_length, 1024u);
}

TEST(ServerOptions, RejectsBadInput) {
  EXPECT_THROW(parse({"--port", "70000"}), core::Error);
  EXPECT_THROW(parse({"--port"}), core::Error);
  EXPECT_THROW(parse({"--security=yes"}), core::Error);
  EXPECT_THROW(parse({"--frobnicate"}), core::Error);
  EXPECT_THROW(parse({"--threads", "0"}), core::Error);
  EXPECT_THROW(parse({"--max-content-length", "10tb"}), core::Error);
  EXPECT_TRUE(parse({"--help"}).help);
}

}  // namespace
}  // namespace connectors::emulator
