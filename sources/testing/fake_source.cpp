#include "sources/testing/fake_source.hpp"

#include <thread>

#include "core/json_writer.hpp"

namespace connectors::sources::testing {
namespace {

class FakeSourceError : public core::Error {
 public:
  explicit FakeSourceError(std::string message) : core::Error("FakeSourceError", std::move(message)) {}
};

class FakeSource final : public Source {
 public:
  explicit FakeSource(const DataSourceConfiguration& c)
      : documents_(c.get_int("documents").value_or(10)),
        fail_after_(c.get_int("fail_after").value_or(0)),
        ping_error_(c.get_string("ping_error")),
        delay_(c.get_int("delay_ms").value_or(0)),
        id_prefix_(c.get_string("id_prefix")),
        body_bytes_(static_cast<std::size_t>(c.get_int("body_bytes").value_or(16))),
        skip_prefix_(c.get_string("skip_prefix")) {}

  void ping() override {
    if (!ping_error_.empty()) throw FakeSourceError(ping_error_);
  }

  void get_docs(const SyncRequest&, DocumentSink& sink, std::stop_token stop) override {
    const std::string body(body_bytes_, 'x');
    for (std::int64_t n = 1; n <= documents_; ++n) {
      if (stop.stop_requested()) throw core::StopRequested();
      if (fail_after_ > 0 && n > fail_after_) {
        throw FakeSourceError("boom after " + std::to_string(fail_after_) + " documents");
      }
      if (delay_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds{delay_});
      Document d;
      d.id = id_prefix_ + std::to_string(n);
      core::JsonWriter w(d.json);
      w.begin_object().key("n").number(n).key("body").string(body).end_object();
      sink.put(std::move(d));
    }
    if (!skip_prefix_.empty()) sink.skip(skip_prefix_, "fake part '" + skip_prefix_ + "' is unreadable");
  }

 private:
  std::int64_t documents_;
  std::int64_t fail_after_;
  std::string ping_error_;
  std::int64_t delay_;
  std::string id_prefix_;
  std::size_t body_bytes_;
  std::string skip_prefix_;
};

ConfigField optional_int(std::string key, int order, std::int64_t fallback) {
  return ConfigField{.key = std::move(key), .order = order, .type = FieldType::kInt, .display = "numeric",
                     .default_value = fallback, .required = false};
}

}  // namespace

SourceDescriptor make_fake_descriptor() {
  SourceDescriptor d;
  d.service_type = kFakeServiceType;
  d.name = "Fake";
  d.configuration = {
      optional_int("documents", 1, 10),
      optional_int("fail_after", 2, 0),
      ConfigField{.key = "ping_error", .order = 3, .required = false},
      optional_int("delay_ms", 4, 0),
      ConfigField{.key = "id_prefix", .order = 5, .default_value = "fake_", .required = false},
      optional_int("body_bytes", 6, 16),
      ConfigField{.key = "skip_prefix", .order = 7, .required = false},
  };
  d.create = [](const DataSourceConfiguration& c) { return std::make_unique<FakeSource>(c); };
  return d;
}

}  // namespace connectors::sources::testing
