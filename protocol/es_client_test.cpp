#include "protocol/es_client.hpp"

#include <memory>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

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

// Header values with this name, case-insensitively, in the order sent.
std::vector<std::string> header_values(const FakeTransport::RecordedRequest& request, std::string_view name) {
  std::vector<std::string> values;
  for (const auto& h : request.headers) {
    if (h.name.size() == name.size() &&
        std::equal(h.name.begin(), h.name.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      values.push_back(h.value);
    }
  }
  return values;
}

EsClientSettings quick_settings() {
  EsClientSettings settings;
  settings.user_agent = "elastic-connectors-9.6.0/service";
  settings.retry_interval = seconds{10};
  settings.max_retries = 5;
  return settings;
}

// Captures everything logged through spdlog's default logger while alive.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return stream_.str(); }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

class EsClientTest : public ::testing::Test {
 protected:
  EsClient client(EsClientSettings settings = quick_settings()) {
    return EsClient(transport_, std::move(settings), clock_);
  }
  FakeTransport::RecordedRequest only_request() {
    auto received = transport_.requests();
    EXPECT_EQ(received.size(), 1u);
    return received.empty() ? FakeTransport::RecordedRequest{} : received.front().request;
  }

  FakeTransport transport_;
  ManualClock clock_;
};

// --- headers -------------------------------------------------------------------------------

TEST_F(EsClientTest, BasicAuthIsBase64OfUserColonPassword) {
  transport_.push_response(200, "{}");
  client().request(HttpMethod::kGet, "/");
  EXPECT_THAT(header_values(only_request(), "Authorization"),
              ::testing::ElementsAre("Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="));
}

TEST_F(EsClientTest, BasicAuthEncodesUtf8AndColonsInPassword) {
  auto settings = quick_settings();
  settings.username = "jos\xC3\xA9";
  settings.password = "p\xC3\xA4ss:w";
  transport_.push_response(200, "{}");
  client(settings).request(HttpMethod::kGet, "/");
  EXPECT_THAT(header_values(only_request(), "authorization"),
              ::testing::ElementsAre("Basic am9zw6k6cMOkc3M6dw=="));
}

TEST_F(EsClientTest, ApiKeyWinsOverBasicAuth) {
  auto settings = quick_settings();
  settings.api_key = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";
  settings.username = "someone";
  settings.password = "secret";
  transport_.push_response(200, "{}");
  client(settings).request(HttpMethod::kGet, "/");
  EXPECT_THAT(header_values(only_request(), "Authorization"),
              ::testing::ElementsAre("ApiKey " + *settings.api_key));
}

TEST_F(EsClientTest, NoAuthorizationWhenUsernameIsEmpty) {
  auto settings = quick_settings();
  settings.username.clear();
  transport_.push_response(200, "{}");
  client(settings).request(HttpMethod::kGet, "/");
  EXPECT_TRUE(header_values(only_request(), "Authorization").empty());
}

TEST_F(EsClientTest, SendsUserAgentAndProductOrigin) {
  transport_.push_response(200, "{}");
  client().request(HttpMethod::kGet, "/");
  const auto request = only_request();
  EXPECT_THAT(header_values(request, "user-agent"),
              ::testing::ElementsAre("elastic-connectors-9.6.0/service"));
  EXPECT_THAT(header_values(request, "X-elastic-product-origin"), ::testing::ElementsAre("connectors"));
}

TEST_F(EsClientTest, ConfiguredHeadersAreAddedAndReplaceOursByName) {
  auto settings = quick_settings();
  settings.headers = {{"X-Custom", "one"}, {"User-Agent", "my-agent"}, {"authorization", "Bearer t"}};
  transport_.push_response(200, "{}");
  client(settings).request(HttpMethod::kGet, "/");
  const auto request = only_request();
  EXPECT_THAT(header_values(request, "x-custom"), ::testing::ElementsAre("one"));
  EXPECT_THAT(header_values(request, "user-agent"), ::testing::ElementsAre("my-agent"));
  EXPECT_THAT(header_values(request, "authorization"), ::testing::ElementsAre("Bearer t"));
  EXPECT_THAT(header_values(request, "X-elastic-product-origin"), ::testing::ElementsAre("connectors"));
}

TEST_F(EsClientTest, ConfiguredHeaderWithLineBreakIsRefused) {
  auto settings = quick_settings();
  settings.headers = {{"X-Evil", "a\r\nX-Injected: 1"}};
  try {
    client(settings);
    FAIL() << "expected ConfigurationError";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "ConfigurationError");
    EXPECT_THAT(e.what(), Not(HasSubstr("Injected")));
  }
}

TEST_F(EsClientTest, ContentTypeOnlyWithABody) {
  transport_.push_response(200, "{}");
  transport_.push_response(200, "{}");
  transport_.push_response(200, "{}");
  auto es = client();
  es.request(HttpMethod::kGet, "/_count");
  es.request(HttpMethod::kPost, "/_count", R"({"query":{"match_all":{}}})");
  RequestOptions ndjson;
  ndjson.content_type = "application/x-ndjson";
  es.request(HttpMethod::kPut, "/_bulk?pipeline=p", "{}\n{}\n", ndjson);
  const auto received = transport_.requests();
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0].request.content_type, "");
  EXPECT_EQ(received[0].request.body, "");
  EXPECT_EQ(received[1].request.content_type, "application/json");
  EXPECT_EQ(received[1].request.body, R"({"query":{"match_all":{}}})");
  EXPECT_EQ(received[2].request.content_type, "application/x-ndjson");
  EXPECT_EQ(received[2].request.target, "/_bulk?pipeline=p");
  EXPECT_EQ(received[2].request.method, HttpMethod::kPut);
}

TEST_F(EsClientTest, UsesRequestTimeoutUnlessTheCallOverridesIt) {
  auto settings = quick_settings();
  settings.request_timeout = milliseconds{1234};
  transport_.push_response(200, "{}");
  transport_.push_response(200, "{}");
  auto es = client(settings);
  es.request(HttpMethod::kGet, "/");
  RequestOptions options;
  options.timeout = milliseconds{50};
  es.request(HttpMethod::kGet, "/", {}, options);
  const auto received = transport_.requests();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].timeout, milliseconds{1234});
  EXPECT_EQ(received[1].timeout, milliseconds{50});
}

// --- retries -------------------------------------------------------------------------------

TEST_F(EsClientTest, RetriesRetryableStatusesWithLinearBackoff) {
  for (unsigned status : {429u, 500u, 502u, 503u}) transport_.push_response(status, "busy");
  transport_.push_response(200, R"({"ok":true})");
  const EsResponse response = client().request(HttpMethod::kPost, "/_bulk", "x");
  EXPECT_EQ(response.status, 200u);
  EXPECT_EQ(response.body, R"({"ok":true})");
  EXPECT_EQ(transport_.request_count(), 5u);
  EXPECT_EQ(clock_.sleeps(),
            (std::vector<milliseconds>{seconds{10}, seconds{20}, seconds{30}, seconds{40}}));
}

TEST_F(EsClientTest, Status504IsRetriedToo) {
  transport_.push_response(504);
  transport_.push_response(200, "{}");
  client().request(HttpMethod::kGet, "/");
  EXPECT_EQ(transport_.request_count(), 2u);
}

TEST_F(EsClientTest, MaxRetriesCountsAllAttempts) {
  auto settings = quick_settings();
  settings.max_retries = 3;
  for (int i = 0; i < 3; ++i) {
    transport_.push_response(503, testing::es_error_body(503, "cluster_block_exception", "blocked"));
  }
  transport_.push_response(200, "{}");  // never reached
  try {
    client(settings).request(HttpMethod::kGet, "/x");
    FAIL() << "expected EsError";
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 503u);
    EXPECT_EQ(e.type(), "cluster_block_exception");
  }
  EXPECT_EQ(transport_.request_count(), 3u);
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{seconds{10}, seconds{20}}));
}

class NonRetryableStatus : public EsClientTest, public ::testing::WithParamInterface<unsigned> {};

TEST_P(NonRetryableStatus, FailsAtOnce) {
  transport_.push_response(GetParam(), testing::es_error_body(GetParam(), "some_exception", "no"));
  transport_.push_response(200, "{}");
  EXPECT_THROW(client().request(HttpMethod::kPut, "/x", "{}"), EsError);
  EXPECT_EQ(transport_.request_count(), 1u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

INSTANTIATE_TEST_SUITE_P(ClientErrors, NonRetryableStatus,
                         ::testing::Values(400u, 401u, 403u, 404u, 409u, 501u));

TEST_F(EsClientTest, RetriesRetryableTransportErrors) {
  transport_.push_error(Reason::kConnect, "could not connect to localhost:9200: Connection refused");
  transport_.push_error(Reason::kClosed, "reading the response from localhost:9200 failed");
  transport_.push_error(Reason::kTimeout, "no complete response from localhost:9200 within 5 ms");
  transport_.push_response(200, "{}");
  EXPECT_EQ(client().request(HttpMethod::kGet, "/").status, 200u);
  EXPECT_EQ(transport_.request_count(), 4u);
  EXPECT_EQ(clock_.sleeps(), (std::vector<milliseconds>{seconds{10}, seconds{20}, seconds{30}}));
}

class NonRetryableTransportError : public EsClientTest,
                                   public ::testing::WithParamInterface<Reason> {};

TEST_P(NonRetryableTransportError, IsThrownAtOnce) {
  transport_.push_error(GetParam(), "scripted");
  transport_.push_response(200, "{}");
  try {
    client().request(HttpMethod::kGet, "/");
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.reason(), GetParam());
  }
  EXPECT_EQ(transport_.request_count(), 1u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

INSTANTIATE_TEST_SUITE_P(Permanent, NonRetryableTransportError,
                         ::testing::Values(Reason::kTls, Reason::kProtocol));

TEST_F(EsClientTest, RetryOnTimeoutFalseFailsTimeoutsAtOnceButRetriesConnects) {
  auto settings = quick_settings();
  settings.retry_on_timeout = false;
  auto es = client(settings);
  transport_.push_error(Reason::kTimeout, "slow");
  EXPECT_THROW(es.request(HttpMethod::kGet, "/"), TransportError);
  EXPECT_EQ(transport_.request_count(), 1u);

  transport_.push_error(Reason::kConnect, "refused");
  transport_.push_response(200, "{}");
  EXPECT_EQ(es.request(HttpMethod::kGet, "/").status, 200u);
  EXPECT_EQ(transport_.request_count(), 3u);
}

TEST_F(EsClientTest, ExhaustedTransportRetriesRethrowWithTheEndpoint) {
  auto settings = quick_settings();
  settings.max_retries = 2;
  transport_.push_error(Reason::kConnect, "could not connect to localhost:9200: Connection refused");
  transport_.push_error(Reason::kConnect, "could not connect to localhost:9200: Connection refused");
  try {
    client(settings).request(HttpMethod::kPost, "/_connector/_sync_job/abc/_claim?x=1", "{}");
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), "ConnectionError");
    EXPECT_THAT(e.what(), HasSubstr("Connection refused"));
    EXPECT_THAT(e.what(), HasSubstr("endpoint: POST /_connector/_sync_job/abc/_claim"));
    EXPECT_THAT(e.what(), Not(HasSubstr("x=1")));
  }
}

TEST_F(EsClientTest, RetryFalseMeansOneAttempt) {
  transport_.push_response(503);
  transport_.push_response(200, "{}");
  RequestOptions once;
  once.retry = false;
  EXPECT_THROW(client().request(HttpMethod::kGet, "/", {}, once), EsError);
  EXPECT_EQ(transport_.request_count(), 1u);
  EXPECT_TRUE(clock_.sleeps().empty());
}

TEST_F(EsClientTest, StopDuringBackoffThrowsStopRequested) {
  std::stop_source stop;
  stop.request_stop();
  transport_.push_response(503);
  transport_.push_response(200, "{}");
  EXPECT_THROW(client().request(HttpMethod::kGet, "/", {}, {}, stop.get_token()),
               core::StopRequested);
  EXPECT_EQ(transport_.request_count(), 1u);
}

TEST_F(EsClientTest, EachRetryIsLoggedAsAWarningWithAttemptAndDelay) {
  LogCapture logs;
  transport_.push_response(429);
  transport_.push_error(Reason::kConnect, "could not connect to localhost:9200: Connection refused");
  transport_.push_response(200, "{}");
  client().request(HttpMethod::kGet, "/idx/_search?q=x");
  const std::string text = logs.text();
  EXPECT_THAT(text, HasSubstr("[warning]"));
  EXPECT_THAT(text, HasSubstr("GET /idx/_search failed (status 429), attempt 1/5; retrying in 10s"));
  EXPECT_THAT(text, HasSubstr("Connection refused), attempt 2/5; retrying in 20s"));
  EXPECT_THAT(text, Not(HasSubstr("q=x")));
}

// --- errors --------------------------------------------------------------------------------

TEST_F(EsClientTest, EsErrorCarriesWhatTheErrorBodySays) {
  // As Elasticsearch 9 answers GET _connector/<unknown id>.
  transport_.push_response(
      404,
      R"({"error":{"root_cause":[{"type":"resource_not_found_exception","reason":"connector [x] not found"}],)"
      R"("type":"resource_not_found_exception","reason":"connector [x] not found"},"status":404})");
  try {
    client().request(HttpMethod::kGet, "/_connector/x?include_deleted=false");
    FAIL() << "expected EsError";
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 404u);
    EXPECT_EQ(e.type(), "resource_not_found_exception");
    EXPECT_EQ(e.reason(), "connector [x] not found");
    EXPECT_EQ(e.endpoint(), "GET /_connector/x");
    EXPECT_EQ(e.kind(), "ApiError");
    EXPECT_STREQ(e.what(),
                 "ApiError: 404 resource_not_found_exception: connector [x] not found (GET /_connector/x)");
  }
}

TEST_F(EsClientTest, EsErrorReasonFallsBackToTheRootCause) {
  transport_.push_response(
      400, R"({"error":{"root_cause":[{"type":"parse_exception","reason":"bad query"}],)"
           R"("type":"search_phase_execution_exception"},"status":400})");
  try {
    client().request(HttpMethod::kPost, "/i/_search", "{}");
    FAIL() << "expected EsError";
  } catch (const EsError& e) {
    EXPECT_EQ(e.type(), "search_phase_execution_exception");
    EXPECT_EQ(e.reason(), "bad query");
  }
}

TEST_F(EsClientTest, EsErrorToleratesNonJsonAndStringErrors) {
  RequestOptions once;
  once.retry = false;
  transport_.push_response(502, "<html><body>Bad Gateway from nginx</body></html>");
  try {
    client().request(HttpMethod::kGet, "/", {}, once);
    FAIL() << "expected EsError";
  } catch (const EsError& e) {
    EXPECT_EQ(e.type(), "");
    EXPECT_EQ(e.reason(), "");
    EXPECT_STREQ(e.what(), "ApiError: 502 Bad Gateway (GET /)");
  }
  transport_.push_response(405, R"({"error":"Incorrect HTTP method for uri [/] and method [PATCH]","status":405})");
  try {
    client().request(HttpMethod::kGet, "/", {}, once);
    FAIL() << "expected EsError";
  } catch (const EsError& e) {
    EXPECT_EQ(e.reason(), "Incorrect HTTP method for uri [/] and method [PATCH]");
    EXPECT_THAT(e.what(), HasSubstr("405 Method Not Allowed: Incorrect HTTP method"));
  }
}

TEST_F(EsClientTest, AcceptedStatusesAreReturned) {
  transport_.push_response(404, testing::es_error_body(404, "index_not_found_exception", "no such index"));
  RequestOptions exists;
  exists.accept_statuses = {404};
  const EsResponse response = client().request(HttpMethod::kHead, "/my-index", {}, exists);
  EXPECT_EQ(response.status, 404u);
  EXPECT_EQ(transport_.request_count(), 1u);
}

TEST_F(EsClientTest, CredentialsNeverAppearInErrorsOrLogs) {
  LogCapture logs;
  auto settings = quick_settings();
  settings.username = "ingest-user";
  settings.password = "pa55-W0rd-secret";
  settings.max_retries = 2;
  const std::string basic = "aW5nZXN0LXVzZXI6cGE1NS1XMHJkLXNlY3JldA==";  // base64(user:password)
  std::vector<std::string> messages;

  auto es = client(settings);
  transport_.push_response(401, testing::es_error_body(401, "security_exception", "unable to authenticate user [ingest-user]"));
  try {
    es.request(HttpMethod::kGet, "/");
  } catch (const std::exception& e) {
    messages.push_back(e.what());
  }
  transport_.push_error(Reason::kTimeout, "no complete response from localhost:9200 within 5 ms");
  transport_.push_error(Reason::kTimeout, "no complete response from localhost:9200 within 5 ms");
  try {
    es.request(HttpMethod::kGet, "/");
  } catch (const std::exception& e) {
    messages.push_back(e.what());
  }
  auto key_settings = quick_settings();
  key_settings.api_key = "S2V5SWQ6a2V5LXNlY3JldC12YWx1ZQ==";
  auto keyed = client(key_settings);
  transport_.push_response(500, "{}");
  transport_.push_response(500, "{}");
  transport_.push_response(500, "{}");
  transport_.push_response(500, "{}");
  transport_.push_response(500, "{}");
  try {
    keyed.request(HttpMethod::kGet, "/");
  } catch (const std::exception& e) {
    messages.push_back(e.what());
  }
  ASSERT_EQ(messages.size(), 3u);
  messages.push_back(logs.text());
  for (const auto& message : messages) {
    EXPECT_THAT(message, Not(HasSubstr("pa55-W0rd-secret")));
    EXPECT_THAT(message, Not(HasSubstr(basic)));
    EXPECT_THAT(message, Not(HasSubstr("S2V5SWQ6a2V5LXNlY3JldC12YWx1ZQ==")));
  }
  EXPECT_THAT(messages.back(), HasSubstr("attempt 1/2"));  // the log did record the retries
}

TEST_F(EsClientTest, RequestJsonParsesAndBadJsonIsAnEsResponseError) {
  transport_.push_response(200, R"({"count":42})");
  transport_.push_response(200, "not json");
  auto es = client();
  EXPECT_EQ(es.request_json(HttpMethod::kGet, "/_count").at("count").as_int64(), 42);
  try {
    es.request_json(HttpMethod::kGet, "/_count");
    FAIL() << "expected core::Error";
  } catch (const EsError&) {
    FAIL() << "not an EsError";
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "EsResponseError");
  }
}

// --- encode_path_segment -------------------------------------------------------------------

TEST(EncodePathSegment, KeepsUnreservedCharacters) {
  EXPECT_EQ(encode_path_segment("search-my_index.v1~2"), "search-my_index.v1~2");
  EXPECT_EQ(encode_path_segment(""), "");
}

TEST(EncodePathSegment, EncodesEverythingElse) {
  EXPECT_EQ(encode_path_segment("a b/c?d#e%f"), "a%20b%2Fc%3Fd%23e%25f");
  EXPECT_EQ(encode_path_segment("x,y*z+"), "x%2Cy%2Az%2B");
  EXPECT_EQ(encode_path_segment("caf\xC3\xA9"), "caf%C3%A9");
  EXPECT_EQ(encode_path_segment(".."), "%2E%2E");
  EXPECT_EQ(encode_path_segment("."), "%2E");
  EXPECT_EQ(encode_path_segment("..."), "...");
}

}  // namespace
}  // namespace connectors::protocol
