// Integration: the real server on a free port, driven over real HTTP; and the real binary
// for its command line, first stdout line and signal handling.

#include "ftest/es_emulator/http_server.hpp"

#include <csignal>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "ftest/es_emulator/testing/http_test_client.hpp"
#include "ftest/es_emulator/testing/router_fixture.hpp"
#include "ftest/harness/child_process.hpp"

namespace connectors::emulator {
namespace {

using testing::at;
using testing::HttpTestClient;

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest() : cluster_(clock_, ClusterConfig{}), router_(cluster_) {}

  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.max_content_length = 64 * 1024;
    server_ = std::make_unique<HttpServer>(router_, options);
    server_->start();
    client_ = std::make_unique<HttpTestClient>("127.0.0.1", server_->port());
  }
  void TearDown() override { server_->stop(); }

  boost::json::value call(const std::string& method, const std::string& target,
                          const std::string& body = "", unsigned expected = 200,
                          const std::string& content_type = "application/json") {
    const auto result = client_->request(method, target, body, content_type);
    EXPECT_EQ(result.status, expected) << method << " " << target << ": " << result.body;
    EXPECT_EQ(result.headers.at("x-elastic-product"), "Elasticsearch");
    return boost::json::parse(result.body);
  }

  core::SystemClock clock_;
  Cluster cluster_;
  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<HttpTestClient> client_;
};

TEST_F(HttpServerTest, InjectedConnectionFaultsHappenOnTheWire) {
  call("PUT", "/_emulator/faults",
       R"({"faults":[{"kind":"close_before_response","count":1,"scope":{"path":"/a/*"}},
                     {"kind":"close_mid_response","count":1,"scope":{"path":"/b/*"}},
                     {"kind":"stop_answering","latency_ms":300,"count":1,"scope":{"path":"/c/*"}},
                     {"kind":"latency","latency_ms":250,"count":1,"scope":{"path":"/d/*"}}]})");
  // Closed before any byte of the answer: the write still happened.
  EXPECT_THROW(client_->request("PUT", "/a/_doc/1", "{}"), std::runtime_error);
  HttpTestClient fresh("127.0.0.1", server_->port());
  EXPECT_EQ(fresh.request("GET", "/a/_doc/1").status, 200u);
  // Closed in the middle of the body: the client sees a truncated message.
  EXPECT_THROW(fresh.request("PUT", "/b/_doc/1", "{}"), std::runtime_error);
  // No answer at all, within a client deadline shorter than the hang.
  HttpTestClient impatient("127.0.0.1", server_->port(), std::chrono::milliseconds{100});
  EXPECT_THROW(impatient.request("GET", "/c/_search"), std::runtime_error);
  // A delayed answer arrives, late.
  HttpTestClient patient("127.0.0.1", server_->port());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(patient.request("PUT", "/d/_doc/1", "{}").status, 201u);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds{250});
  // Cleared: normal service.
  EXPECT_EQ(patient.request("DELETE", "/_emulator/faults").status, 200u);
  EXPECT_EQ(patient.request("PUT", "/a/_doc/2", "{}").status, 201u);
}

TEST_F(HttpServerTest, InfoAndHead) {
  EXPECT_EQ(at(call("GET", "/"), "version.number"), "9.2.0");
  const auto head = client_->request("HEAD", "/");
  EXPECT_EQ(head.status, 200u);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(HttpServerTest, IndexBulkRefreshSearchScroll) {
  call("PUT", "/content");
  std::string bulk;
  for (int i = 0; i < 30; ++i) {
    bulk += R"({"index":{"_index":"content","_id":"doc-)" + std::to_string(i) + "\"}}\n";
    bulk +=
        R"({"id":"doc-)" + std::to_string(i) + R"(","n":)" + std::to_string(i) +
        R"(,"_extract_binary_content":true,"_reduce_whitespace":true,"_run_ml_inference":true})" +
        "\n";
  }
  const auto items =
      call("PUT", "/_bulk?pipeline=search-default-ingestion", bulk, 200, "application/x-ndjson");
  EXPECT_EQ(at(items, "errors"), false);
  EXPECT_EQ(at(items, "items").as_array().size(), 30u);
  EXPECT_EQ(at(call("POST", "/content/_count"), "count"), 0);  // not refreshed yet
  call("POST", "/content/_refresh?ignore_unavailable=true");
  EXPECT_EQ(at(call("POST", "/content/_count?ignore_unavailable=true"), "count"), 30);

  const auto page = call("POST", "/content/_search",
                         R"({"query":{"range":{"n":{"gte":25}}},"sort":[{"n":"desc"}]})");
  EXPECT_EQ(at(page, "hits.total.value"), 5);
  EXPECT_EQ(at(page, "hits.hits.0._id"), "doc-29");
  EXPECT_TRUE(at(page, "hits.hits.0._source._extract_binary_content").is_null());

  auto scroll = call("POST", "/content/_search?scroll=5m", R"({"size":12,"_source":["id"]})");
  std::size_t seen = at(scroll, "hits.hits").as_array().size();
  const std::string id(at(scroll, "_scroll_id").as_string());
  while (true) {
    scroll = call("POST", "/_search/scroll", R"({"scroll":"5m","scroll_id":")" + id + "\"}");
    const auto n = at(scroll, "hits.hits").as_array().size();
    if (n == 0) break;
    seen += n;
  }
  EXPECT_EQ(seen, 30u);
  EXPECT_EQ(
      at(call("DELETE", "/_search/scroll", R"({"scroll_id":[")" + id + "\"]}"), "num_freed"), 1);
}

TEST_F(HttpServerTest, ConnectorFlow) {
  call("PUT", "/.elastic-connectors-v1");
  call("PUT", "/.elastic-connectors-sync-jobs-v1");
  call("PUT", "/_connector/postgres",
       R"({"index_name":"search-postgresql","name":"pg","service_type":"postgresql"})", 201);
  call("PUT", "/_connector/postgres/_check_in");
  const auto job = call("POST", "/_connector/_sync_job",
                        R"({"id":"postgres","job_type":"full","trigger_method":"scheduled"})", 201);
  const std::string job_id(at(job, "id").as_string());
  call("PUT", "/_connector/_sync_job/" + job_id + "/_claim", R"({"worker_hostname":"worker-1"})");
  call(
      "PUT", "/_connector/_sync_job/" + job_id + "/_stats",
      R"({"indexed_document_count":3,"indexed_document_volume":0,"deleted_document_count":0,"metadata":{}})");
  const auto got = call("GET", "/_connector/_sync_job/" + job_id);
  EXPECT_EQ(at(got, "status"), "in_progress");
  EXPECT_EQ(at(got, "indexed_document_count"), 3);
  EXPECT_EQ(at(got, "worker_hostname"), "worker-1");
  const auto hits = call(
      "POST", "/.elastic-connectors/_search?expand_wildcards=hidden",
      R"({"query":{"bool":{"must_not":{"term":{"deleted":true}},"filter":{"terms":{"_id":["postgres"]}}}},"seq_no_primary_term":true})");
  EXPECT_EQ(at(hits, "hits.total.value"), 1);
  EXPECT_TRUE(at(hits, "hits.hits.0._source.last_seen").is_string());
}

TEST_F(HttpServerTest, ErrorShapes) {
  const auto missing = call("GET", "/nope/_search", "", 404);
  EXPECT_EQ(at(missing, "status"), 404);
  EXPECT_EQ(at(missing, "error.type"), "index_not_found_exception");
  EXPECT_EQ(at(missing, "error.root_cause.0").at("resource.id"), "nope");
  EXPECT_EQ(at(call("GET", "/_nope/a/b/c", "", 400), "error"),
            "no handler found for uri [/_nope/a/b/c] and method [GET]");
  const auto wrong = client_->request("PUT", "/_search/scroll");
  EXPECT_EQ(wrong.status, 405u);
  EXPECT_EQ(wrong.headers.at("allow"), "GET,POST,DELETE");
  EXPECT_EQ(at(call("POST", "/_bulk", "{\"index\":{\"_index\":\"x\"}}\n{}", 400,
                    "application/x-ndjson"),
               "error.reason"),
            "The bulk request must be terminated by a newline [\\n]");
}

TEST_F(HttpServerTest, BodyLimitIsAnEmpty413AndTheBodyIsDropped) {
  const std::string big(100 * 1024, 'x');
  const auto result = client_->request("POST", "/_bulk", big, "application/x-ndjson");
  EXPECT_EQ(result.status, 413u);
  EXPECT_TRUE(result.body.empty());
  EXPECT_EQ(result.headers.count("x-elastic-product"), 0u);
  // A keep-alive request: the connection stays usable once the body has been dropped.
  EXPECT_TRUE(result.keep_alive);
  EXPECT_EQ(client_->request("GET", "/").status, 200u);
  EXPECT_EQ(client_->request("POST", "/_bulk", big, "application/x-ndjson").status, 413u);
  EXPECT_EQ(client_->request("GET", "/").status, 200u);
}

TEST_F(HttpServerTest, ManyRequestsOnOneConnection) {
  for (int i = 0; i < 50; ++i) {
    call("PUT", "/k/_doc/" + std::to_string(i), R"({"i":)" + std::to_string(i) + "}", 201);
  }
  EXPECT_EQ(at(call("GET", "/k/_doc/49"), "_source.i"), 49);
}

TEST(EsEmulatorBinary, PrintsListeningLineAndStopsOnSigterm) {
  ftest::ProcessOptions options;
  options.argv = {ES_EMULATOR_BINARY, "--port", "0", "--es-version", "9.1.4"};
  options.capture_stdout = true;
  auto child = ftest::ChildProcess::spawn(options);
  const auto line = child.read_line(std::chrono::seconds{20});
  ASSERT_TRUE(line);
  const std::string prefix = "listening on http://127.0.0.1:";
  ASSERT_EQ(line->rfind(prefix, 0), 0u) << *line;
  const auto port = static_cast<unsigned short>(std::stoi(line->substr(prefix.size())));
  HttpTestClient client("127.0.0.1", port);
  const auto info = client.request("GET", "/");
  EXPECT_EQ(info.status, 200u);
  EXPECT_EQ(at(boost::json::parse(info.body), "version.number"), "9.1.4");
  child.send_signal(SIGTERM);
  const auto status = child.wait_for(std::chrono::seconds{10});
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->ok()) << status->describe();
}

TEST(EsEmulatorBinary, RejectsUnknownOptions) {
  ftest::ProcessOptions options;
  options.argv = {ES_EMULATOR_BINARY, "--bogus"};
  auto child = ftest::ChildProcess::spawn(options);
  const auto status = child.wait_for(std::chrono::seconds{10});
  ASSERT_TRUE(status);
  EXPECT_EQ(status->exit_code, 2);
}

}  // namespace
}  // namespace connectors::emulator
