#include "protocol/es_server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/testing/manual_clock.hpp"
#include "protocol/testing/fake_transport.hpp"

namespace connectors::protocol {
namespace {

using core::testing::ManualClock;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::FakeTransport;
using ::testing::HasSubstr;
using ::testing::Not;
using Reason = TransportError::Reason;

constexpr const char* kInfoBody = R"({
  "name" : "node-1", "cluster_name" : "docker-cluster", "cluster_uuid" : "x",
  "version" : {
    "number" : "9.2.0", "build_flavor" : "default", "build_type" : "docker",
    "lucene_version" : "10.3.1", "minimum_wire_compatibility_version" : "8.19.0"
  },
  "tagline" : "You Know, for Search"
})";

EsClientSettings client_settings() {
  EsClientSettings settings;
  settings.host = "http://localhost:9200";
  settings.retry_interval = seconds{10};
  return settings;
}

class EsServerTest : public ::testing::Test {
 protected:
  FakeTransport transport_;
  ManualClock clock_;
  EsClient client_{transport_, client_settings(), clock_};
};

TEST_F(EsServerTest, FetchServerInfoReadsVersionAndFlavor) {
  transport_.push_response(200, kInfoBody);
  const ServerInfo info = fetch_server_info(client_);
  EXPECT_EQ(info.version_number, "9.2.0");
  EXPECT_EQ(info.build_flavor, "default");
  EXPECT_FALSE(info.serverless());
  const auto request = transport_.last()->request;
  EXPECT_EQ(request.method, HttpMethod::kGet);
  EXPECT_EQ(request.target, "/");
}

TEST_F(EsServerTest, FetchServerInfoRejectsAnAnswerWithoutVersion) {
  transport_.push_response(200, R"({"hello":"world"})");
  try {
    fetch_server_info(client_);
    FAIL() << "expected core::Error";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "EsResponseError");
    EXPECT_THAT(e.what(), HasSubstr("version.number"));
  }
}

TEST_F(EsServerTest, ServerlessFlavorIsRecognised) {
  transport_.push_response(200, R"({"version":{"number":"8.11.0","build_flavor":"serverless"}})");
  EXPECT_TRUE(fetch_server_info(client_).serverless());
}

WaitSettings wait_settings() {
  WaitSettings settings;
  settings.max_wait = seconds{20};
  settings.initial_backoff = seconds{1};
  settings.backoff_multiplier = 2.0;
  return settings;
}

TEST_F(EsServerTest, WaitReturnsAtOnceWhenTheClusterAnswers) {
  transport_.push_response(200, kInfoBody);
  const ServerInfo info = wait_for_elasticsearch(client_, clock_, wait_settings(), {});
  EXPECT_EQ(info.version_number, "9.2.0");
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(EsServerTest, WaitBacksOffExponentiallyUntilTheClusterAnswers) {
  transport_.push_error(Reason::kConnect, "could not connect to localhost:9200: Connection refused");
  transport_.push_response(503, R"({"error":{"type":"master_not_discovered_exception"},"status":503})");
  transport_.push_error(Reason::kTimeout, "no complete response");
  transport_.push_response(200, kInfoBody);
  const ServerInfo info = wait_for_elasticsearch(client_, clock_, wait_settings(), {});
  EXPECT_EQ(info.version_number, "9.2.0");
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{seconds{1}, seconds{2}, seconds{4}}));
  // Each attempt is a single request: the 503 was not retried inside the client.
  EXPECT_EQ(transport_.request_count(), 4u);
}

TEST_F(EsServerTest, WaitGivesUpAfterMaxWaitNamingTheHost) {
  transport_.set_handler([](const HttpRequest&) -> HttpResponse {
    throw TransportError(Reason::kConnect, "could not connect to localhost:9200: Connection refused");
  });
  try {
    wait_for_elasticsearch(client_, clock_, wait_settings(), {});
    FAIL() << "expected ElasticsearchUnavailable";
  } catch (const core::StopRequested&) {
    FAIL() << "not a stop";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "ElasticsearchUnavailable");
    EXPECT_THAT(e.what(), HasSubstr("Elasticsearch at http://localhost:9200 was unreachable for 20s"));
    EXPECT_THAT(e.what(), HasSubstr("Connection refused"));
    EXPECT_THAT(e.what(), HasSubstr("Bye!"));
  }
  // Attempts at 0, 1, 3, 7 and 15 s; the last sleep is cut to the 5 s left.
  EXPECT_EQ(clock_.sleeps(),
            (std::vector<milliseconds>{seconds{1}, seconds{2}, seconds{4}, seconds{8}, seconds{5}}));
  const auto received = transport_.requests();
  ASSERT_EQ(received.size(), 5u);
  // No attempt may outlast the wait: its timeout is the time left (request_timeout is 240 s).
  std::vector<milliseconds> timeouts;
  for (const auto& r : received) timeouts.push_back(r.timeout);
  EXPECT_EQ(timeouts, (std::vector<milliseconds>{seconds{20}, seconds{19}, seconds{17}, seconds{13},
                                                 seconds{5}}));
}

TEST_F(EsServerTest, WaitKeepsTryingOnErrorStatuses) {
  transport_.set_handler([](const HttpRequest&) {
    return HttpResponse{401, testing::es_error_body(401, "security_exception", "unable to authenticate"), {}};
  });
  try {
    wait_for_elasticsearch(client_, clock_, wait_settings(), {});
    FAIL() << "expected ElasticsearchUnavailable";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "ElasticsearchUnavailable");
    EXPECT_THAT(e.what(), HasSubstr("401 security_exception"));
  }
  EXPECT_EQ(transport_.request_count(), 5u);
}

TEST_F(EsServerTest, WaitStopsWhenAsked) {
  std::stop_source stop;
  transport_.set_handler([&](const HttpRequest&) -> HttpResponse {
    stop.request_stop();
    throw TransportError(Reason::kConnect, "refused");
  });
  EXPECT_THROW(wait_for_elasticsearch(client_, clock_, wait_settings(), stop.get_token()),
               core::StopRequested);
  EXPECT_EQ(transport_.request_count(), 1u);
}

TEST(EsServerWait, GiveUpMessageNeverShowsCredentialsFromTheHost) {
  FakeTransport transport;
  ManualClock clock;
  auto settings = client_settings();
  settings.host = "https://admin:hunter2@es.example.com:9243";
  EsClient client(transport, settings, clock);
  transport.set_handler([](const HttpRequest&) -> HttpResponse {
    throw TransportError(Reason::kConnect, "refused");
  });
  try {
    wait_for_elasticsearch(client, clock, wait_settings(), {});
    FAIL() << "expected ElasticsearchUnavailable";
  } catch (const core::Error& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("hunter2")));
    EXPECT_THAT(e.what(), HasSubstr("https://es.example.com:9243"));
  }
}

// --- check_version -------------------------------------------------------------------------

ServerInfo version(std::string number, std::string flavor = "default") {
  return ServerInfo{std::move(number), std::move(flavor)};
}

class AcceptedVersion : public ::testing::TestWithParam<const char*> {};

TEST_P(AcceptedVersion, Passes) { EXPECT_NO_THROW(check_version(version(GetParam()), false)); }

INSTANTIATE_TEST_SUITE_P(Supported, AcceptedVersion,
                         ::testing::Values("8.16.0", "8.16.0-SNAPSHOT", "8.19.2", "9.0.0-SNAPSHOT",
                                           "9.2.0", "10.0.0", "8.17.1+build.5", "8.18"));

class RejectedVersion : public ::testing::TestWithParam<const char*> {};

TEST_P(RejectedVersion, ThrowsVersionMismatchNamingBothVersions) {
  try {
    check_version(version(GetParam()), false);
    FAIL() << "expected VersionMismatch";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "VersionMismatch");
    EXPECT_THAT(e.what(), HasSubstr(GetParam()));
    EXPECT_THAT(e.what(), HasSubstr("8.16"));
  }
}

INSTANTIATE_TEST_SUITE_P(Unsupported, RejectedVersion,
                         ::testing::Values("8.15.3", "8.15.0-SNAPSHOT", "7.17.25", "8.9.0", "8",
                                           "abc", ""));

TEST(CheckVersion, ServerlessIsNotChecked) {
  EXPECT_NO_THROW(check_version(version("8.11.0", "serverless"), false));
}

TEST(CheckVersion, AllowMismatchSkipsTheCheck) {
  EXPECT_NO_THROW(check_version(version("8.15.3"), true));
  EXPECT_THROW(check_version(version("8.15.3"), false), core::Error);
}

TEST(EnvFlagEnabled, ReadsLikeElastic) {
  for (const char* yes : {"true", "TRUE", "True", "1", "yes", "YES"}) {
    EXPECT_TRUE(env_flag_enabled(yes)) << yes;
  }
  for (const char* no : {"false", "0", "", "no", "y", " true", "on"}) {
    EXPECT_FALSE(env_flag_enabled(no)) << no;
  }
  EXPECT_FALSE(env_flag_enabled(nullptr));
}

}  // namespace
}  // namespace connectors::protocol
