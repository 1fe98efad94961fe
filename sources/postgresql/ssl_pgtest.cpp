// SSL: `ssl_enabled` true means verify-full against the system CAs plus `ssl_ca`; false means
// sslmode=prefer. A throwaway CA and server certificate (for IP 127.0.0.1) are made with the
// openssl command line; the test is skipped when it is not installed.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/testing/manual_clock.hpp"
#include "ftest/harness/child_process.hpp"
#include "ftest/harness/postgres_server.hpp"
#include "sources/postgresql/pg_error.hpp"
#include "sources/postgresql/postgres_source.hpp"

namespace connectors::sources::postgresql {
namespace {

using namespace std::chrono_literals;

class NullSink final : public DocumentSink {
 public:
  void skip(std::string, std::string) override {}
  void put(Document&&) override { ++count; }
  int count = 0;
};

void run(std::vector<std::string> argv, const std::string& dir) {
  auto child = ftest::ChildProcess::spawn(
      {.argv = std::move(argv), .working_dir = dir, .stderr_file = dir + "/openssl.log"});
  const auto status = child.wait_for(60s);
  ASSERT_TRUE(status && status->ok()) << "openssl failed, see " << dir << "/openssl.log";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A CA, and a server certificate it signed for 127.0.0.1, in `dir`.
void make_certificates(const std::string& dir, const std::string& ca_name) {
  const std::string ec = "ec";
  run({"/usr/bin/openssl", "req", "-x509", "-newkey", ec, "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=" + ca_name},
      dir);
  run({"/usr/bin/openssl", "req", "-newkey", ec, "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"},
      dir);
  std::ofstream(dir + "/ext.cnf") << "subjectAltName=IP:127.0.0.1\n";
  run({"/usr/bin/openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
       "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf"},
      dir);
}

class SslTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists("/usr/bin/openssl")) GTEST_SKIP() << "no openssl command";
    const auto owner = ::geteuid() == 0 ? ftest::lookup_user("postgres") : std::nullopt;
    certs_.emplace("connectors-pg-ssl-", owner);
    other_.emplace("connectors-pg-ssl-other-");
    make_certificates(certs_->path(), "Test CA");
    make_certificates(other_->path(), "Other CA");
    // The server reads its key as itself, and insists on a private key file.
    const std::string key = certs_->path() + "/server.key";
    ::chmod(key.c_str(), 0600);
    if (owner) {
      for (const char* file : {"/server.key", "/server.crt"}) {
        ASSERT_EQ(::chown((certs_->path() + file).c_str(), owner->uid, owner->gid), 0);
      }
    }
    ftest::PostgresOptions options;
    options.settings = {{"ssl", "on"},
                        {"ssl_cert_file", certs_->path() + "/server.crt"},
                        {"ssl_key_file", key}};
    server_.emplace(ftest::PostgresServer::start(options));
    server_->exec("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2);");
  }

  std::unique_ptr<Source> source(bool ssl_enabled, const std::string& ssl_ca, int port = 0) {
    const SourceDescriptor descriptor = make_postgresql_descriptor(clock_);
    boost::json::object stored = to_configuration_json(descriptor.configuration);
    auto set = [&](const char* key, boost::json::value value) { stored[key].as_object()["value"] = value; };
    set("host", boost::json::string(server_->host()));
    set("port", port ? port : server_->port());
    set("username", boost::json::string(server_->admin_user()));
    set("password", boost::json::string(server_->admin_password()));
    set("database", boost::json::string(server_->database()));
    set("schema", "public");
    set("tables", "t");
    set("ssl_enabled", ssl_enabled);
    set("ssl_ca", boost::json::string(ssl_ca));
    const DataSourceConfiguration configuration(stored, descriptor.configuration);
    auto created = descriptor.create(configuration);
    created->validate_config();
    return created;
  }

  std::optional<ftest::TempDir> certs_;
  std::optional<ftest::TempDir> other_;
  std::optional<ftest::PostgresServer> server_;
  std::shared_ptr<core::testing::ManualClock> clock_ = std::make_shared<core::testing::ManualClock>();
};

TEST_F(SslTest, VerifiesTheServerWithTheConfiguredCaPastedOnOneLine) {
  std::string pem = read_file(certs_->path() + "/ca.crt");
  std::replace(pem.begin(), pem.end(), '\n', ' ');  // as Kibana's text field flattens it
  auto verified = source(true, pem);
  verified->ping();
  NullSink sink;
  verified->get_docs(SyncRequest{}, sink, {});
  EXPECT_EQ(sink.count, 2);
}

TEST_F(SslTest, RejectsAServerCertificateFromAnotherCa) {
  auto wrong_ca = source(true, read_file(other_->path() + "/ca.crt"));
  NullSink sink;
  try {
    wrong_ca->get_docs(SyncRequest{}, sink, {});
    FAIL() << "expected a verification failure";
  } catch (const PgError& e) {
    EXPECT_NE(std::string(e.what()).find("certificate verify failed"), std::string::npos) << e.what();
  }
  EXPECT_THROW(wrong_ca->ping(), core::Error);
}

TEST_F(SslTest, DisabledMeansPreferAndTheCaFileIsRemoved) {
  auto unverified = source(false, "");
  NullSink sink;
  unverified->get_docs(SyncRequest{}, sink, {});
  EXPECT_EQ(sink.count, 2);
  // No temporary CA bundle is left behind by the verified connections either.
  auto verified = source(true, read_file(certs_->path() + "/ca.crt"));
  verified->ping();
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("connectors-pg-ca-")) << entry.path();
  }
}

TEST(SslPlain, VerificationAgainstAServerWithoutSslFails) {
  auto server = ftest::PostgresServer::start();
  const SourceDescriptor descriptor = make_postgresql_descriptor(std::make_shared<core::testing::ManualClock>());
  boost::json::object stored = to_configuration_json(descriptor.configuration);
  auto set = [&](const char* key, boost::json::value value) { stored[key].as_object()["value"] = value; };
  set("host", boost::json::string(server.host()));
  set("port", server.port());
  set("username", boost::json::string(server.admin_user()));
  set("password", boost::json::string(server.admin_password()));
  set("database", boost::json::string(server.database()));
  set("schema", "public");
  set("ssl_enabled", true);
  set("ssl_ca", "-----BEGIN CERTIFICATE----- AAAA -----END CERTIFICATE-----");
  auto source = descriptor.create(DataSourceConfiguration(stored, descriptor.configuration));
  NullSink sink;
  try {
    source->get_docs(SyncRequest{}, sink, {});
    FAIL();
  } catch (const PgError& e) {
    EXPECT_NE(std::string(e.what()).find("SSL"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace connectors::sources::postgresql
