// BeastTransport against a real Beast server on 127.0.0.1 (protocol/testing/test_http_server):
// keep-alive, the pool, deadlines, stale connections, HEAD, large bodies, and TLS with a
// certificate generated here.

#include "protocol/beast_transport.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "protocol/testing/self_signed_cert.hpp"
#include "protocol/testing/test_http_server.hpp"

namespace connectors::protocol {
namespace {

using std::chrono::milliseconds;
using testing::TestHttpServer;
using testing::TestReply;
using testing::TlsIdentity;
using ::testing::HasSubstr;
using ::testing::Not;
using Action = TestReply::Action;
using Reason = TransportError::Reason;
using SteadyClock = std::chrono::steady_clock;

constexpr milliseconds kTimeout{5000};

HttpRequest get(std::string target) {
  HttpRequest request;
  request.target = std::move(target);
  return request;
}

TestReply ok(std::string body = "ok") {
  TestReply reply;
  reply.body = std::move(body);
  return reply;
}

BeastTransportSettings settings_for(const TestHttpServer& server) {
  BeastTransportSettings settings;
  settings.url = server.url();
  return settings;
}

Reason reason_of(BeastTransport& transport, const HttpRequest& request, milliseconds timeout,
                 std::string* message = nullptr) {
  try {
    transport.send(request, timeout);
  } catch (const TransportError& e) {
    if (message) *message = e.what();
    return e.reason();
  }
  ADD_FAILURE() << "send() succeeded";
  return Reason::kProtocol;
}

long long elapsed_ms(SteadyClock::time_point since) {
  return std::chrono::duration_cast<milliseconds>(SteadyClock::now() - since).count();
}

// --- parse_base_url ------------------------------------------------------------------------

TEST(ParseBaseUrl, SplitsHostPortAndPrefix) {
  BaseUrl a = parse_base_url("http://localhost:9200");
  EXPECT_FALSE(a.tls);
  EXPECT_EQ(a.host, "localhost");
  EXPECT_EQ(a.port, 9200);
  EXPECT_EQ(a.host_header, "localhost:9200");
  EXPECT_EQ(a.path_prefix, "");
  EXPECT_FALSE(a.host_is_ip);

  BaseUrl b = parse_base_url("https://es.example.com/proxy/es/");
  EXPECT_TRUE(b.tls);
  EXPECT_EQ(b.port, 443);
  EXPECT_EQ(b.host_header, "es.example.com");
  EXPECT_EQ(b.path_prefix, "/proxy/es");

  BaseUrl c = parse_base_url("http://[::1]:9200/");
  EXPECT_EQ(c.host, "::1");
  EXPECT_TRUE(c.host_is_ip);
  EXPECT_EQ(c.host_header, "[::1]:9200");
  EXPECT_EQ(c.path_prefix, "");

  EXPECT_TRUE(parse_base_url("https://10.0.0.7:9243").host_is_ip);
  EXPECT_EQ(parse_base_url("http://h").port, 80);
}

TEST(ParseBaseUrl, RefusesWhatIsNotAnHttpUrl) {
  for (const char* bad : {"ftp://host:21", "localhost:9200", "not a url", "http://", "http://h:0"}) {
    try {
      parse_base_url(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), "ConfigurationError") << bad;
    }
  }
}

TEST(ParseBaseUrl, RefusesCredentialsWithoutEchoingThem) {
  try {
    parse_base_url("https://elastic:Sup3rSecret@es.example.com:9243");
    FAIL() << "accepted";
  } catch (const core::Error& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("Sup3rSecret")));
    EXPECT_THAT(e.what(), HasSubstr("credentials"));
  }
}

// --- plain HTTP ----------------------------------------------------------------------------

TEST(BeastTransport, SendsAWellFormedRequestAndReturnsTheResponse) {
  TestHttpServer server([](const TestHttpServer::Request& r) {
    TestReply reply = ok(R"({"echo":")" + r.body + "\"}");
    reply.status = 201;
    reply.headers = {{"X-elastic-product", "Elasticsearch"}, {"Content-Type", "application/json"}};
    return reply;
  });
  auto settings = settings_for(server);
  settings.url += "/prefix";
  BeastTransport transport(settings);

  HttpRequest request;
  request.method = HttpMethod::kPost;
  request.target = "/idx/_doc?refresh=true";
  request.body = "hello";
  request.content_type = "application/json";
  request.headers = {{"Authorization", "ApiKey abc"}, {"X-elastic-product-origin", "connectors"}};
  const HttpResponse response = transport.send(request, kTimeout);

  EXPECT_EQ(response.status, 201u);
  EXPECT_EQ(response.body, R"({"echo":"hello"})");
  ASSERT_NE(response.header("x-elastic-product"), nullptr);
  EXPECT_EQ(*response.header("x-elastic-product"), "Elasticsearch");

  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, "/prefix/idx/_doc?refresh=true");
  EXPECT_EQ(*seen[0].header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(*seen[0].header("Content-Type"), "application/json");
  EXPECT_EQ(*seen[0].header("Content-Length"), "5");
  EXPECT_EQ(*seen[0].header("Authorization"), "ApiKey abc");
  EXPECT_EQ(*seen[0].header("X-elastic-product-origin"), "connectors");
}

TEST(BeastTransport, NoContentTypeWithoutABodyButAZeroLengthPut) {
  TestHttpServer server([](const TestHttpServer::Request&) { return ok(); });
  BeastTransport transport(settings_for(server));
  HttpRequest request = get("/_count");
  request.content_type = "application/json";
  transport.send(request, kTimeout);
  HttpRequest put;
  put.method = HttpMethod::kPut;
  put.target = "/new-index";
  transport.send(put, kTimeout);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].header("Content-Type"), nullptr);
  EXPECT_EQ(seen[1].header("Content-Type"), nullptr);
  ASSERT_NE(seen[1].header("Content-Length"), nullptr);
  EXPECT_EQ(*seen[1].header("Content-Length"), "0");
}

TEST(BeastTransport, SequentialRequestsShareOneKeepAliveConnection) {
  TestHttpServer server([](const TestHttpServer::Request&) { return ok(); });
  BeastTransport transport(settings_for(server));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(transport.send(get("/"), kTimeout).body, "ok");
  EXPECT_EQ(server.connections_accepted(), 1u);
  EXPECT_EQ(transport.connections_opened(), 1u);
  EXPECT_EQ(transport.idle_connections(), 1u);
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 5u);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].connection, 1u);
    EXPECT_EQ(seen[i].index, i);
  }
}

TEST(BeastTransport, ConcurrentCallersGetTheirOwnConnections) {
  TestHttpServer server([](const TestHttpServer::Request&) {
    TestReply reply = ok();
    reply.delay = milliseconds{300};
    return reply;
  });
  BeastTransport transport(settings_for(server));
  constexpr int kCallers = 4;
  std::atomic<int> succeeded{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&] {
      if (transport.send(get("/"), kTimeout).body == "ok") ++succeeded;
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(succeeded.load(), kCallers);
  EXPECT_EQ(server.connections_accepted(), static_cast<std::size_t>(kCallers));
  EXPECT_EQ(server.max_open_connections(), static_cast<std::size_t>(kCallers));
  EXPECT_EQ(transport.idle_connections(), static_cast<std::size_t>(kCallers));
}

TEST(BeastTransport, PoolBoundMakesExtraCallersWait) {
  TestHttpServer server([](const TestHttpServer::Request&) {
    TestReply reply = ok();
    reply.delay = milliseconds{200};
    return reply;
  });
  auto settings = settings_for(server);
  settings.max_connections = 2;
  BeastTransport transport(settings);
  const auto start = SteadyClock::now();
  std::atomic<int> succeeded{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 6; ++i) {
    callers.emplace_back([&] {
      if (transport.send(get("/"), kTimeout).body == "ok") ++succeeded;
    });
  }
  for (auto& t : callers) t.join();
  EXPECT_EQ(succeeded.load(), 6);
  EXPECT_EQ(server.connections_accepted(), 2u);
  EXPECT_LE(server.max_open_connections(), 2u);
  EXPECT_GE(elapsed_ms(start), 550);  // three rounds of 200 ms through two connections
}

TEST(BeastTransport, WaitingForAFreeConnectionHasADeadline) {
  TestHttpServer server([](const TestHttpServer::Request& r) {
    TestReply reply = ok();
    if (r.target == "/slow") reply.delay = milliseconds{1500};
    return reply;
  });
  auto settings = settings_for(server);
  settings.max_connections = 1;
  BeastTransport transport(settings);
  std::thread slow([&] { transport.send(get("/slow"), kTimeout); });
  while (server.requests().empty()) std::this_thread::sleep_for(milliseconds{5});

  const auto start = SteadyClock::now();
  std::string message;
  EXPECT_EQ(reason_of(transport, get("/fast"), milliseconds{300}, &message), Reason::kTimeout);
  const auto waited = elapsed_ms(start);
  EXPECT_GE(waited, 280);
  EXPECT_LT(waited, 1200);
  EXPECT_THAT(message, HasSubstr("waiting for a free connection"));
  slow.join();
  EXPECT_EQ(transport.send(get("/fast"), kTimeout).body, "ok");  // the slot came back
}

TEST(BeastTransport, StalledServerTimesOutWithinTheDeadline) {
  TestHttpServer server([](const TestHttpServer::Request&) {
    TestReply reply;
    reply.action = Action::kStall;
    return reply;
  });
  BeastTransport transport(settings_for(server));
  const auto start = SteadyClock::now();
  std::string message;
  EXPECT_EQ(reason_of(transport, get("/"), milliseconds{300}, &message), Reason::kTimeout);
  const auto waited = elapsed_ms(start);
  EXPECT_GE(waited, 280);
  EXPECT_LT(waited, 2000);
  EXPECT_THAT(message, HasSubstr("127.0.0.1:" + std::to_string(server.port())));
  EXPECT_THAT(message, HasSubstr("300 ms"));
  EXPECT_EQ(transport.idle_connections(), 0u);  // a timed-out connection is not reused
}

TEST(BeastTransport, RefusedConnectionIsAConnectError) {
  unsigned short port = 0;
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor acceptor(
        ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }  // closed: nothing listens there now
  BeastTransportSettings settings;
  settings.url = "http://127.0.0.1:" + std::to_string(port);
  BeastTransport transport(settings);
  std::string message;
  EXPECT_EQ(reason_of(transport, get("/"), kTimeout, &message), Reason::kConnect);
  EXPECT_THAT(message, HasSubstr("could not connect to 127.0.0.1:" + std::to_string(port)));
  EXPECT_THAT(message, HasSubstr("refused"));
}

TEST(BeastTransport, ConnectionClosedByTheServerWhileIdleIsReplacedQuietly) {
  TestHttpServer server([](const TestHttpServer::Request&) {
    TestReply reply = ok();
    reply.action = Action::kRespondThenDrop;  // keep-alive promised, then closed
    return reply;
  });
  BeastTransport transport(settings_for(server));
  EXPECT_EQ(transport.send(get("/1"), kTimeout).body, "ok");
  std::this_thread::sleep_for(milliseconds{50});  // let the close arrive
  EXPECT_EQ(transport.send(get("/2"), kTimeout).body, "ok");
  EXPECT_EQ(server.connections_accepted(), 2u);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(BeastTransport, StaleConnectionFailingBeforeAnyResponseIsRetriedOnceOnAFreshOne) {
  // The second request on a connection is read and then the connection is closed without an
  // answer: the race where the server's keep-alive expiry meets our request.
  TestHttpServer server([](const TestHttpServer::Request& r) {
    TestReply reply = ok("answer " + std::to_string(r.connection));
    if (r.index >= 1) reply.action = Action::kDrop;
    return reply;
  });
  BeastTransport transport(settings_for(server));
  EXPECT_EQ(transport.send(get("/1"), kTimeout).body, "answer 1");
  EXPECT_EQ(transport.send(get("/2"), kTimeout).body, "answer 2");
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[1].target, "/2");
  EXPECT_EQ(seen[2].target, "/2");
  EXPECT_EQ(seen[2].connection, 2u);
}

TEST(BeastTransport, StaleRetryHappensOnlyOnce) {
  TestHttpServer server([](const TestHttpServer::Request& r) {
    TestReply reply = ok();
    if (r.index >= 1 || r.connection >= 2) reply.action = Action::kDrop;
    return reply;
  });
  BeastTransport transport(settings_for(server));
  transport.send(get("/1"), kTimeout);
  EXPECT_EQ(reason_of(transport, get("/2"), kTimeout), Reason::kClosed);
  EXPECT_EQ(server.requests().size(), 3u);  // /1, /2 on the stale connection, /2 once more
}

TEST(BeastTransport, FreshConnectionClosedWithoutAnswerIsNotRetried) {
  TestHttpServer server([](const TestHttpServer::Request&) {
    TestReply reply;
    reply.action = Action::kDrop;
    return reply;
  });
  BeastTransport transport(settings_for(server));
  std::string message;
  EXPECT_EQ(reason_of(transport, get("/"), kTimeout, &message), Reason::kClosed);
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_THAT(message, HasSubstr("127.0.0.1:" + std::to_string(server.port())));
}

TEST(BeastTransport, PartialResponseIsNotRetried) {
  TestHttpServer server([](const TestHttpServer::Request& r) {
    TestReply reply = ok("partial");
    if (r.index >= 1) reply.action = Action::kPartialThenDrop;
    return reply;
  });
  BeastTransport transport(settings_for(server));
  transport.send(get("/1"), kTimeout);
  EXPECT_EQ(reason_of(transport, get("/2"), kTimeout), Reason::kClosed);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(BeastTransport, ConnectionCloseFromTheServerIsHonoured) {
  TestHttpServer server([](const TestHttpServer::Request&) {
    TestReply reply = ok();
    reply.action = Action::kRespondAndClose;
    return reply;
  });
  BeastTransport transport(settings_for(server));
  transport.send(get("/1"), kTimeout);
  EXPECT_EQ(transport.idle_connections(), 0u);
  transport.send(get("/2"), kTimeout);
  EXPECT_EQ(server.connections_accepted(), 2u);
  EXPECT_EQ(server.requests().size(), 2u);  // no failed attempt in between
}

TEST(BeastTransport, HeadResponsesHaveNoBody) {
  TestHttpServer server([](const TestHttpServer::Request&) { return ok(std::string(100, 'x')); });
  BeastTransport transport(settings_for(server));
  HttpRequest head = get("/my-index");
  head.method = HttpMethod::kHead;
  const HttpResponse response = transport.send(head, kTimeout);
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, "");
  ASSERT_NE(response.header("content-length"), nullptr);
  EXPECT_EQ(*response.header("content-length"), "100");
  // The connection is still in step: the next response is read correctly on it.
  EXPECT_EQ(transport.send(get("/"), kTimeout).body, std::string(100, 'x'));
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(BeastTransport, LargeBodiesBothWays) {
  TestHttpServer server([](const TestHttpServer::Request& r) {
    if (r.method == "POST") return ok(std::to_string(r.body.size()));
    std::string big(24 * 1024 * 1024, 'a');
    for (std::size_t i = 0; i < big.size(); i += 4096) big[i] = static_cast<char>('a' + (i / 4096) % 26);
    return ok(std::move(big));
  });
  BeastTransport transport(settings_for(server));
  const HttpResponse response = transport.send(get("/_search/scroll"), kTimeout);
  ASSERT_EQ(response.body.size(), 24u * 1024 * 1024);
  EXPECT_EQ(response.body[4096 * 27], 'b');
  HttpRequest post = get("/_bulk");
  post.method = HttpMethod::kPost;
  post.body = std::string(8 * 1024 * 1024, 'z');
  post.content_type = "application/x-ndjson";
  EXPECT_EQ(transport.send(post, kTimeout).body, std::to_string(8 * 1024 * 1024));
}

// --- TLS -----------------------------------------------------------------------------------

// The generated certificate written to a temporary PEM file for ca_certs.
class PemFile {
 public:
  explicit PemFile(const std::string& pem) {
    static std::atomic<int> counter{0};
    path_ = ::testing::TempDir() + "beast_transport_test_" + std::to_string(::getpid()) + "_" +
            std::to_string(counter++) + ".pem";
    std::ofstream(path_) << pem;
  }
  ~PemFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class BeastTransportTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    identity_ = new TlsIdentity(testing::make_self_signed_identity({"localhost"}, {"127.0.0.1"}));
  }
  static void TearDownTestSuite() {
    delete identity_;
    identity_ = nullptr;
  }
  static TlsIdentity* identity_;
};
TlsIdentity* BeastTransportTls::identity_ = nullptr;

TEST_F(BeastTransportTls, VerifyCertsFalseAcceptsASelfSignedCertificate) {
  TestHttpServer server([](const TestHttpServer::Request&) { return ok("secure"); }, *identity_);
  auto settings = settings_for(server);
  settings.verify_certs = false;
  BeastTransport transport(settings);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(transport.send(get("/"), kTimeout).body, "secure");
  EXPECT_EQ(server.connections_accepted(), 1u);  // keep-alive over TLS too
}

TEST_F(BeastTransportTls, VerificationWithoutTheCaFails) {
  TestHttpServer server([](const TestHttpServer::Request&) { return ok(); }, *identity_);
  BeastTransport transport(settings_for(server));  // verify_certs defaults to true
  std::string message;
  try {
    transport.send(get("/"), kTimeout);
    FAIL() << "a self-signed certificate was trusted";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.reason(), Reason::kTls);
    EXPECT_FALSE(e.retryable());
    message = e.what();
  }
  EXPECT_THAT(message, HasSubstr("TLS handshake with 127.0.0.1:" + std::to_string(server.port())));
  EXPECT_THAT(message, HasSubstr("certificate verify failed"));
  EXPECT_THAT(message, HasSubstr("self-signed certificate"));
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(BeastTransportTls, CaCertsMakesTheCertificateTrustedByAddressAndName) {
  TestHttpServer server([](const TestHttpServer::Request&) { return ok("trusted"); }, *identity_);
  PemFile ca(identity_->certificate_pem);
  for (const std::string host : {"127.0.0.1", "localhost"}) {
    BeastTransportSettings settings;
    settings.url = "https://" + host + ":" + std::to_string(server.port());
    settings.ca_certs = ca.path();
    BeastTransport transport(settings);
    EXPECT_EQ(transport.send(get("/"), kTimeout).body, "trusted") << host;
  }
  const auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(*seen[1].header("Host"), "localhost:" + std::to_string(server.port()));
}

TEST_F(BeastTransportTls, HostNameAndAddressAreChecked) {
  const TlsIdentity other = testing::make_self_signed_identity({"other.example"}, {"10.9.8.7"});
  TestHttpServer server([](const TestHttpServer::Request&) { return ok(); }, other);
  PemFile ca(other.certificate_pem);
  for (const std::string host : {"127.0.0.1", "localhost"}) {
    BeastTransportSettings settings;
    settings.url = "https://" + host + ":" + std::to_string(server.port());
    settings.ca_certs = ca.path();
    BeastTransport transport(settings);
    std::string message;
    EXPECT_EQ(reason_of(transport, get("/"), kTimeout, &message), Reason::kTls) << host;
    EXPECT_THAT(message, HasSubstr("mismatch")) << message;
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(BeastTransportTls, StaleTlsConnectionIsRetriedOnAFreshOne) {
  TestHttpServer server(
      [](const TestHttpServer::Request& r) {
        TestReply reply = ok("tls " + std::to_string(r.connection));
        if (r.index >= 1) reply.action = Action::kDrop;
        return reply;
      },
      *identity_);
  PemFile ca(identity_->certificate_pem);
  auto settings = settings_for(server);
  settings.ca_certs = ca.path();
  BeastTransport transport(settings);
  EXPECT_EQ(transport.send(get("/1"), kTimeout).body, "tls 1");
  EXPECT_EQ(transport.send(get("/2"), kTimeout).body, "tls 2");
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_F(BeastTransportTls, PlainHttpServerBehindAnHttpsUrlIsATlsError) {
  TestHttpServer server([](const TestHttpServer::Request&) { return ok(); });
  BeastTransportSettings settings;
  settings.url = "https://127.0.0.1:" + std::to_string(server.port());
  settings.verify_certs = false;
  BeastTransport transport(settings);
  EXPECT_EQ(reason_of(transport, get("/"), kTimeout), Reason::kTls);
}

TEST(BeastTransportConfig, UnreadableCaCertsIsAConfigurationError) {
  BeastTransportSettings settings;
  settings.url = "https://localhost:9200";
  settings.ca_certs = "/nonexistent/ca.pem";
  try {
    BeastTransport transport(settings);
    FAIL() << "accepted";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "ConfigurationError");
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/ca.pem"));
  }
}

}  // namespace
}  // namespace connectors::protocol
