#include "sources/postgresql/postgres_source.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/testing/manual_clock.hpp"

namespace connectors::sources::postgresql {
namespace {

namespace json = boost::json;

TEST(PostgresDescriptor, NamesAndFeatures) {
  const SourceDescriptor descriptor = make_postgresql_descriptor();
  EXPECT_EQ(descriptor.service_type, "postgresql");
  EXPECT_EQ(descriptor.name, "PostgreSQL");
  EXPECT_EQ(descriptor.configuration.size(), 11u);
  EXPECT_TRUE(descriptor.features.basic_sync_rules);
  EXPECT_TRUE(descriptor.features.advanced_sync_rules);
  EXPECT_TRUE(descriptor.features.incremental_sync);
  EXPECT_FALSE(descriptor.features.document_level_security);
}

class NullSink final : public DocumentSink {
 public:
  void skip(std::string, std::string) override { ++skips; }
  void put(Document&&) override { ++count; }
  int count = 0;
  int skips = 0;
};

// A configuration pointing at a port nothing listens on: whatever is checked before
// connecting must fail first, and without waiting.
std::unique_ptr<Source> unreachable_source(std::shared_ptr<core::testing::ManualClock> clock) {
  const SourceDescriptor descriptor = make_postgresql_descriptor(clock);
  json::object stored = to_configuration_json(descriptor.configuration);
  auto set = [&](const char* key, json::value v) { stored[key].as_object()["value"] = v; };
  set("host", "127.0.0.1");
  set("port", 1);
  set("username", "u");
  set("password", "p");
  set("database", "d");
  set("schema", "public");
  return descriptor.create(DataSourceConfiguration(stored, descriptor.configuration));
}

TEST(PostgresSource, IncrementalSyncWithoutACursorSaysToRunAFullSync) {
  auto clock = std::make_shared<core::testing::ManualClock>();
  auto source = unreachable_source(clock);
  NullSink sink;
  SyncRequest request;
  request.kind = SyncKind::kIncremental;
  for (const json::value& cursor : {json::value(nullptr), json::parse("{}"), json::parse(R"({"cursor_timestamp": 1})")}) {
    request.sync_cursor = cursor;
    try {
      source->get_docs(request, sink, {});
      FAIL();
    } catch (const core::Error& e) {
      EXPECT_EQ(e.kind(), "SyncCursorEmpty");
      EXPECT_NE(e.message().find("Run a full sync first"), std::string::npos) << e.message();
    }
  }
  EXPECT_TRUE(clock->sleeps().empty());
  EXPECT_EQ(sink.count, 0);
  EXPECT_TRUE(source->sync_cursor().is_null());
}

TEST(PostgresSource, InvalidAdvancedRulesAreRefusedBeforeConnecting) {
  auto clock = std::make_shared<core::testing::ManualClock>();
  auto source = unreachable_source(clock);
  const auto errors = source->validate_advanced_rules(json::parse(R"([{"tables": []}])"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rule_id, "advanced_snippet");
  EXPECT_EQ(errors[0].message, "data[0] must contain ['tables', 'query'] properties");
  EXPECT_TRUE(source->validate_advanced_rules(json::parse("[]")).empty());
  EXPECT_TRUE(source->validate_advanced_rules(json::parse("{}")).empty());

  SyncRequest request;
  request.advanced_rules = json::parse(R"([{"tables": ["t"], "query": ""}])");
  NullSink sink;
  try {
    source->get_docs(request, sink, {});
    FAIL();
  } catch (const core::Error& e) {
    EXPECT_EQ(e.kind(), "InvalidFilteringError");
    EXPECT_EQ(e.message(), "Invalid advanced sync rules: data[0].query must be longer than or equal to 1 characters");
  }
  EXPECT_TRUE(clock->sleeps().empty());
}

}  // namespace
}  // namespace connectors::sources::postgresql
