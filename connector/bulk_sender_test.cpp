#include "connector/bulk_sender.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/testing/manual_clock.hpp"
#include "protocol/testing/fake_transport.hpp"

namespace connectors::service {
namespace {

namespace json = boost::json;
using protocol::HttpRequest;
using protocol::HttpResponse;

// A _bulk answer built from the request: every operation gets `status_for(id)`.
HttpResponse answer(const HttpRequest& request, const std::function<unsigned(const std::string&)>& status_for) {
  json::array items;
  bool errors = false;
  std::size_t start = 0;
  const std::string_view body = request.body;
  while (start < body.size()) {
    const std::size_t end = body.find('\n', start);
    const json::value action = json::parse(body.substr(start, end - start));
    start = end + 1;
    const auto& [op, meta] = *action.as_object().begin();
    const std::string id(meta.at("_id").as_string());
    if (op == "index") start = body.find('\n', start) + 1;  // skip the document line
    const unsigned status = status_for(id);
    json::object item{{"_id", id}, {"status", status}};
    if (status < 300) {
      item["result"] = op == "delete" ? "deleted" : "created";
    } else {
      errors = true;
      item["error"] = json::object{{"type", status == 429 ? "es_rejected_execution_exception" : "document_parsing_exception"},
                                   {"reason", "rejected " + id}};
    }
    items.push_back(json::object{{std::string(op), item}});
  }
  return HttpResponse{200, json::serialize(json::object{{"took", 1}, {"errors", errors}, {"items", items}}), {}};
}

class BulkSenderTest : public ::testing::Test {
 protected:
  BulkBatch batch(std::initializer_list<std::string> ids) {
    BulkBatch b("idx");
    for (const auto& id : ids) {
      b.operations.push_back({static_cast<std::uint32_t>(b.request.bytes()), 0});
      const std::size_t before = b.request.bytes();
      std::string& out = b.request.begin_index(id);
      const std::size_t doc_start = out.size();
      out += R"({"x":1})";
      b.operations.back().document_bytes = static_cast<std::uint32_t>(out.size() - doc_start);
      (void)before;
      b.request.end_document();
    }
    return b;
  }

  protocol::testing::FakeTransport transport_;
  core::testing::ManualClock clock_;
  IngestStats stats_;
  std::stop_source stop_;
};

TEST_F(BulkSenderTest, CountsAcceptedOperationsAndTheirBytes) {
  transport_.set_handler([](const HttpRequest& r) { return answer(r, [](const std::string&) { return 201u; }); });
  protocol::EsClient client(transport_, {}, clock_);
  ErrorMonitor monitor(ErrorMonitorConfig{});
  {
    BulkSender sender(client, BulkSenderSettings{.pipeline = "search-default-ingestion", .max_concurrency = 2},
                      monitor, stats_, clock_, stop_.get_token(), {});
    sender.submit(batch({"a", "b"}));
    sender.submit(batch({"c"}));
    sender.drain();
  }
  EXPECT_EQ(stats_.indexed.load(), 3);
  EXPECT_EQ(stats_.indexed_bytes.load(), 3 * 7);
  EXPECT_EQ(stats_.bulk_requests.load(), 2);
  const auto requests = transport_.requests();
  EXPECT_EQ(requests[0].request.target, "/_bulk?pipeline=search-default-ingestion");
  EXPECT_EQ(requests[0].request.content_type, "application/x-ndjson");
}

TEST_F(BulkSenderTest, ResendsOnlyTheItemsRejectedWith429) {
  int rejections_left = 2;  // "b" is rejected twice, then accepted
  transport_.set_handler([&](const HttpRequest& r) {
    return answer(r, [&](const std::string& id) {
      if (id == "b" && rejections_left > 0) {
        --rejections_left;
        return 429u;
      }
      return 201u;
    });
  });
  protocol::EsClient client(transport_, {}, clock_);
  ErrorMonitor monitor(ErrorMonitorConfig{});
  {
    BulkSender sender(client, BulkSenderSettings{.max_concurrency = 1}, monitor, stats_, clock_,
                      stop_.get_token(), {});
    sender.submit(batch({"a", "b", "c"}));
    sender.drain();
  }
  EXPECT_EQ(stats_.indexed.load(), 3);
  EXPECT_EQ(stats_.item_retries.load(), 2);
  EXPECT_EQ(stats_.item_errors.load(), 0);
  const auto requests = transport_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].request.body, "{\"index\":{\"_index\":\"idx\",\"_id\":\"b\"}}\n{\"x\":1}\n");
  EXPECT_EQ(clock_.sleeps(), (std::vector<core::Millis>{std::chrono::seconds{1}, std::chrono::seconds{2}}));
}

TEST_F(BulkSenderTest, TooManyRejectedDocumentsFailTheSender) {
  transport_.set_handler([](const HttpRequest& r) { return answer(r, [](const std::string&) { return 400u; }); });
  protocol::EsClient client(transport_, {}, clock_);
  ErrorMonitor monitor(ErrorMonitorConfig{.max_consecutive_errors = 3, .max_error_rate = 1.0});
  bool failure_reported = false;
  BulkSender sender(client, BulkSenderSettings{.max_concurrency = 1}, monitor, stats_, clock_, stop_.get_token(),
                    [&] { failure_reported = true; });
  sender.submit(batch({"a", "b", "c", "d"}));
  try {
    sender.drain();
    FAIL() << "expected TooManyErrors";
  } catch (const TooManyErrors& e) {
    EXPECT_NE(e.message().find("Exceeded maximum consecutive errors"), std::string::npos);
    EXPECT_NE(e.message().find("document_parsing_exception"), std::string::npos);
  }
  EXPECT_TRUE(failure_reported);
  EXPECT_THROW(sender.submit(batch({"e"})), TooManyErrors);
}

TEST_F(BulkSenderTest, AFewRejectedDocumentsAreCountedAndTheSyncGoesOn) {
  transport_.set_handler([](const HttpRequest& r) {
    return answer(r, [](const std::string& id) { return id == "bad" ? 400u : 201u; });
  });
  protocol::EsClient client(transport_, {}, clock_);
  ErrorMonitor monitor(ErrorMonitorConfig{});
  {
    BulkSender sender(client, BulkSenderSettings{}, monitor, stats_, clock_, stop_.get_token(), {});
    sender.submit(batch({"a", "bad", "c", "d", "e", "f", "g", "h", "i", "j"}));
    sender.drain();
  }
  EXPECT_EQ(stats_.indexed.load(), 9);
  EXPECT_EQ(stats_.item_errors.load(), 1);
}

}  // namespace
}  // namespace connectors::service
