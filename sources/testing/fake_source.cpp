#include "sources/testing/fake_source.hpp"

#include <thread>

#include <boost/json/object.hpp>

#include "core/json_writer.hpp"

namespace connectors::sources::testing {
namespace {

namespace json = boost::json;

class FakeSourceError : public core::Error {
 public:
  explicit FakeSourceError(std::string message) : core::Error("FakeSourceError", std::move(message)) {}
};

class FakeSource final : public Source {
 public:
  FakeSource(const DataSourceConfiguration& c, std::shared_ptr<FakeProbe> probe)
      : probe_(std::move(probe)),
        documents_(c.get_int("documents").value_or(10)),
        fail_after_(c.get_int("fail_after").value_or(0)),
        ping_error_(c.get_string("ping_error")),
        delay_(c.get_int("delay_ms").value_or(0)),
        id_prefix_(c.get_string("id_prefix")),
        body_bytes_(static_cast<std::size_t>(c.get_int("body_bytes").value_or(16))),
        skip_prefix_(c.get_string("skip_prefix")),
        malformed_from_(c.get_int("malformed_from").value_or(0)),
        malformed_to_(c.get_int("malformed_to").value_or(0)),
        timestamp_(c.get_string("timestamp")),
        acl_documents_(c.has("acl_documents") ? c.get_int("acl_documents").value_or(0) : 0),
        acl_timestamp_(c.has("acl_timestamp") ? c.get_string("acl_timestamp") : std::string()) {}

  void ping() override {
    if (probe_) ++probe_->pings;
    if (!ping_error_.empty()) throw FakeSourceError(ping_error_);
  }

  std::vector<SyncRuleError> validate_advanced_rules(const json::value& rules) override {
    std::vector<SyncRuleError> errors;
    if (!rules.is_object()) return {{"advanced_snippet", "fake advanced rules must be an object"}};
    for (const auto& [key, value] : rules.get_object()) {
      if (key != "max_documents" || !value.is_int64()) {
        errors.push_back({"advanced_snippet", "fake advanced rules accept only max_documents, not '" +
                                                  std::string(key) + "'"});
      }
    }
    return errors;
  }

  void get_docs(const SyncRequest& request, DocumentSink& sink, std::stop_token stop) override {
    if (probe_) ++probe_->syncs;
    std::int64_t first = 1;
    if (request.kind == SyncKind::kIncremental && request.sync_cursor.is_object()) {
      if (const auto* last = request.sync_cursor.get_object().if_contains("last"); last && last->is_int64()) {
        first = last->get_int64() + 1;
      }
    }
    std::int64_t last = documents_;
    if (request.advanced_rules.is_object()) {
      if (const auto* max = request.advanced_rules.get_object().if_contains("max_documents"); max && max->is_int64()) {
        last = std::min(last, first - 1 + max->get_int64());
      }
    }
    const std::string body(body_bytes_, 'x');
    for (std::int64_t n = first; n <= last; ++n) {
      if (stop.stop_requested()) throw core::StopRequested();
      if (fail_after_ > 0 && n > fail_after_) {
        throw FakeSourceError("boom after " + std::to_string(fail_after_) + " documents");
      }
      if (delay_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds{delay_});
      Document d;
      d.id = id_prefix_ + std::to_string(n);
      if (n >= malformed_from_ && n <= malformed_to_) {
        d.json = "{\"n\":" + std::to_string(n) + ",\"broken\":tru}";
      } else {
        core::JsonWriter w(d.json);
        w.begin_object().key("n").number(n).key("title").string("doc " + std::to_string(n));
        w.key("even").boolean(n % 2 == 0).key("body").string(body);
        if (!timestamp_.empty()) w.key("_timestamp").string(timestamp_);
        w.end_object();
      }
      sink.put(std::move(d));
    }
    if (!skip_prefix_.empty()) sink.skip(skip_prefix_, "fake part '" + skip_prefix_ + "' is unreadable");
    cursor_ = json::object{{"last", documents_}};
  }

  json::value sync_cursor() const override { return cursor_; }

  void get_access_control(DocumentSink& sink, std::stop_token stop) override {
    for (std::int64_t n = 1; n <= acl_documents_; ++n) {
      if (stop.stop_requested()) throw core::StopRequested();
      if (delay_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds{delay_});
      Document d;
      d.id = "acl_" + std::to_string(n);
      core::JsonWriter w(d.json);
      w.begin_object();
      if (!acl_timestamp_.empty()) w.key("_timestamp").string(acl_timestamp_);
      w.key("query").string("user_" + std::to_string(n)).end_object();
      sink.put(std::move(d));
    }
  }

 private:
  std::shared_ptr<FakeProbe> probe_;
  std::int64_t documents_;
  std::int64_t fail_after_;
  std::string ping_error_;
  std::int64_t delay_;
  std::string id_prefix_;
  std::size_t body_bytes_;
  std::string skip_prefix_;
  std::int64_t malformed_from_;
  std::int64_t malformed_to_;
  std::string timestamp_;
  std::int64_t acl_documents_;
  std::string acl_timestamp_;
  json::value cursor_ = nullptr;
};

ConfigField optional_int(std::string key, int order, std::int64_t fallback) {
  return ConfigField{.key = std::move(key), .order = order, .type = FieldType::kInt, .display = "numeric",
                     .default_value = fallback, .required = false};
}

ConfigSchema fake_schema() {
  return {
      optional_int("documents", 1, 10),
      optional_int("fail_after", 2, 0),
      ConfigField{.key = "ping_error", .order = 3, .required = false},
      optional_int("delay_ms", 4, 0),
      ConfigField{.key = "id_prefix", .order = 5, .default_value = "fake_", .required = false},
      optional_int("body_bytes", 6, 16),
      ConfigField{.key = "skip_prefix", .order = 7, .required = false},
      optional_int("malformed_from", 8, 0),
      optional_int("malformed_to", 9, 0),
      ConfigField{.key = "timestamp", .order = 10, .required = false},
  };
}

}  // namespace

SourceDescriptor make_fake_descriptor(std::shared_ptr<FakeProbe> probe) {
  SourceDescriptor d;
  d.service_type = kFakeServiceType;
  d.name = "Fake";
  d.configuration = fake_schema();
  d.features = SourceFeatures{.basic_sync_rules = true, .advanced_sync_rules = true, .incremental_sync = true};
  d.create = [probe](const DataSourceConfiguration& c) { return std::make_unique<FakeSource>(c, probe); };
  return d;
}

SourceDescriptor make_fake_dls_descriptor(std::shared_ptr<FakeProbe> probe) {
  SourceDescriptor d;
  d.service_type = kFakeDlsServiceType;
  d.name = "Fake with document-level security";
  d.configuration = fake_schema();
  d.configuration.push_back(optional_int("acl_documents", 11, 3));
  d.configuration.push_back(
      ConfigField{.key = "acl_timestamp", .order = 12, .default_value = "2024-01-01T00:00:00+00:00", .required = false});
  d.features = SourceFeatures{.basic_sync_rules = true, .document_level_security = true};
  d.create = [probe](const DataSourceConfiguration& c) { return std::make_unique<FakeSource>(c, probe); };
  return d;
}

}  // namespace connectors::sources::testing
