// Access-control syncs, in process against es-emulator with a platinum license: scheduling,
// the `.search-acl-filter-<index>` index, unchanged documents skipped, and the connector's
// access-control fields (behaviour 19 of connector-protocol.md §7).

#include "core/testing/manual_clock.hpp"
#include "ftest/service_test_fixture.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

class AccessControlTest : public ServiceTest {
 protected:
  static void SetUpTestSuite() { start_emulator({"--license", "platinum"}); }

  void SetUp() override {
    ServiceTest::SetUp();
    config_.connectors = {{id_, sources::testing::kFakeDlsServiceType, std::nullopt}};
    request(HttpMethod::kPut, "/_connector/" + id_ + "/_service_type", R"({"service_type":"fake_dls"})");
    configure(R"({"documents": 4, "acl_documents": 3})", id_, sources::testing::kFakeDlsServiceType);
    service::ConnectorPass(*context_).run({});  // features: document-level security
  }

  std::string acl_index() const { return ".search-acl-filter-" + index_; }
};

TEST_F(AccessControlTest, AccessControlSyncsAreScheduledWithAPlatinumLicense) {
  request(HttpMethod::kPut, "/_connector/" + id_ + "/_scheduling",
          R"({"scheduling":{"access_control":{"enabled":true,"interval":"0 * * * * ?"}}})");
  core::testing::ManualClock clock(std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now()) + 30s);
  auto context = make_context(clock);
  service::ConnectorPass pass(*context);
  pass.run({});
  clock.advance(60s);
  pass.run({});
  std::size_t scheduled = 0;
  for (const auto& j : jobs_of()) {
    scheduled += text(j, "job_type") == "access_control" && text(j, "trigger_method") == "scheduled";
  }
  EXPECT_EQ(scheduled, 1u);
  EXPECT_TRUE(connector().at("last_access_control_sync_scheduled_at").is_string());
}

TEST_F(AccessControlTest, AnAccessControlSyncFillsTheAclIndexAndOnlyItsConnectorFields) {
  update_doc(".elastic-connectors", id_, R"({"sync_cursor":{"last":42},"last_sync_status":"completed"})");
  const std::string job_id = create_job("access_control");
  EXPECT_EQ(text(job(job_id).at("connector").as_object(), "index_name"), acl_index());

  // The content loop leaves it alone; the access-control loop runs it.
  service::JobExecution content(*context_, service::JobKind::kContent);
  content.poll({});
  EXPECT_EQ(content.running(), 0u);
  const json::object j = run_jobs(job_id, {}, service::JobKind::kAccessControl);
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 3);
  EXPECT_EQ(kibana_->count(acl_index(), {}), 3);
  const json::object doc = request(HttpMethod::kGet, "/" + acl_index() + "/_doc/acl_1").as_object();
  EXPECT_EQ(text(doc.at("_source").as_object(), "id"), "acl_1");
  EXPECT_EQ(text(doc.at("_source").as_object(), "_timestamp"), "2024-01-01T00:00:00+00:00");

  const json::object c = connector();
  EXPECT_EQ(text(c, "last_access_control_sync_status"), "completed");
  EXPECT_TRUE(c.at("last_access_control_sync_error").is_null());
  EXPECT_EQ(text(c, "last_sync_status"), "completed") << "the content fields are not touched";
  EXPECT_EQ(c.at("sync_cursor"), json::parse(R"({"last":42})"));
}

TEST_F(AccessControlTest, UnchangedAccessControlDocumentsAreNotWrittenAgain) {
  ASSERT_EQ(text(run_jobs(create_job("access_control"), {}, service::JobKind::kAccessControl), "status"), "completed");
  // One more document, one gone: acl_1..acl_2 unchanged, acl_3 deleted, acl_4 new... with the
  // same timestamp nothing is rewritten; a new timestamp rewrites every document.
  configure(R"({"documents": 4, "acl_documents": 2})", id_, sources::testing::kFakeDlsServiceType);
  const json::object same = run_jobs(create_job("access_control"), {}, service::JobKind::kAccessControl);
  EXPECT_EQ(text(same, "status"), "completed") << text(same, "error");
  EXPECT_EQ(same.at("indexed_document_count").to_number<int>(), 0);
  EXPECT_EQ(same.at("deleted_document_count").to_number<int>(), 1);
  EXPECT_EQ(kibana_->count(acl_index(), {}), 2);

  configure(R"({"documents": 4, "acl_documents": 3, "acl_timestamp": "2024-06-01T00:00:00+00:00"})", id_,
            sources::testing::kFakeDlsServiceType);
  const json::object changed = run_jobs(create_job("access_control"), {}, service::JobKind::kAccessControl);
  EXPECT_EQ(changed.at("indexed_document_count").to_number<int>(), 3);
  EXPECT_EQ(kibana_->count(acl_index(), {}), 3);
}

// 16 for access control: max_concurrent_access_control_syncs (1) jobs at a time per poll.
TEST_F(AccessControlTest, APollStartsNoMoreAccessControlSyncsThanTheLimitAllows) {
  const std::string other = id_ + "-b";
  add_connector(other, index_ + "-b", sources::testing::kFakeDlsServiceType);
  configure(R"({"documents": 4, "acl_documents": 3})", other, sources::testing::kFakeDlsServiceType);
  service::ConnectorPass(*context_).run({});
  const std::string first = create_job("access_control");
  const std::string second = create_job("access_control", other);
  service::JobExecution execution(*context_, service::JobKind::kAccessControl);
  execution.poll({});
  EXPECT_EQ(execution.running(), 1u);
  execution.wait_all();
  EXPECT_EQ(text(job(first), "status"), "completed") << "the oldest first";
  EXPECT_EQ(text(job(second), "status"), "pending");
  execution.poll({});
  EXPECT_EQ(execution.running(), 1u);
  execution.wait_all();
  EXPECT_EQ(text(job(second), "status"), "completed");
  EXPECT_EQ(kibana_->count(".search-acl-filter-" + index_ + "-b", {}), 3);
}

TEST_F(AccessControlTest, ConnectorsWithoutDocumentLevelSecurityKeepTheirAccessControlJobsPending) {
  request(HttpMethod::kPut, "/_connector/" + id_ + "/_features",
          R"({"features":{"document_level_security":{"enabled":false}}})");
  const std::string job_id = create_job("access_control");
  service::JobExecution execution(*context_, service::JobKind::kAccessControl);
  execution.poll({});
  EXPECT_EQ(execution.running(), 0u);
  EXPECT_EQ(text(job(job_id), "status"), "pending");
}

}  // namespace
}  // namespace connectors::ftest
