#include "sources/postgresql/postgres_source.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"

namespace connectors::sources::postgresql {
namespace {

TEST(PostgresDescriptor, NamesAndFeatures) {
  const SourceDescriptor descriptor = make_postgresql_descriptor();
  EXPECT_EQ(descriptor.service_type, "postgresql");
  EXPECT_EQ(descriptor.name, "PostgreSQL");
  EXPECT_EQ(descriptor.configuration.size(), 11u);
  EXPECT_TRUE(descriptor.features.basic_sync_rules);
  EXPECT_TRUE(descriptor.features.advanced_sync_rules);
  EXPECT_FALSE(descriptor.features.incremental_sync);
  EXPECT_FALSE(descriptor.features.document_level_security);
}

TEST(PostgresSource, AdvancedRulesDetection) {
  EXPECT_FALSE(has_advanced_rules(nullptr));
  EXPECT_FALSE(has_advanced_rules(boost::json::parse("[]")));
  EXPECT_FALSE(has_advanced_rules(boost::json::parse("{}")));
  EXPECT_TRUE(has_advanced_rules(boost::json::parse(R"([{"tables":["t"],"query":"SELECT 1"}])")));
}

class NullSink final : public DocumentSink {
 public:
  void skip(std::string, std::string) override {}
  void put(Document&&) override { ++count; }
  int count = 0;
};

boost::json::object configuration() {
  boost::json::object stored = to_configuration_json(postgresql_configuration_schema());
  auto set = [&](const char* key, boost::json::value v) { stored[key].as_object()["value"] = v; };
  set("host", "127.0.0.1");
  set("port", 1);
  set("username", "u");
  set("password", "p");
  set("database", "d");
  set("schema", "public");
  return stored;
}

TEST(PostgresSource, JobsWithAdvancedRulesFailClearlyBeforeConnecting) {
  auto clock = std::make_shared<core::testing::ManualClock>();
  const SourceDescriptor descriptor = make_postgresql_descriptor(clock);
  const DataSourceConfiguration config(configuration(), descriptor.configuration);
  auto source = descriptor.create(config);
  SyncRequest request;
  request.advanced_rules = boost::json::parse(R"([{"tables":["t"],"query":"SELECT * FROM t"}])");
  NullSink sink;
  try {
    source->get_docs(request, sink, {});
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "NotImplementedError");
    EXPECT_NE(e.message().find("Advanced sync rules are not supported yet"), std::string::npos);
  }
  request.advanced_rules = nullptr;
  request.kind = SyncKind::kIncremental;
  EXPECT_THROW(source->get_docs(request, sink, {}), core::Error);
  EXPECT_EQ(sink.count, 0);
}

}  // namespace
}  // namespace connectors::sources::postgresql
