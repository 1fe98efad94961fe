// Sync rules in jobs, in process against es-emulator: basic rules applied to every document
// of a sync from the job's own snapshot, excluded documents deleted by full syncs, advanced
// rules handed to the source, and a job whose snapshot is invalid failing. The numbers in the
// comments are the behaviours of connector-protocol.md §7.

#include "ftest/service_test_fixture.hpp"

namespace connectors::ftest {
namespace {

using protocol::HttpMethod;

class SyncRulesTest : public ServiceTest {
 protected:
  // What Kibana does: draft rules, then the service validates and activates them.
  void activate_rules(const std::string& rules_json, const std::string& advanced_json = "{}") {
    request(HttpMethod::kPut, "/_connector/" + id_ + "/_filtering",
            R"({"rules":)" + rules_json + R"(,"advanced_snippet":{"value":)" + advanced_json + "}}");
    service::ConnectorPass(*context_).run({});
    ASSERT_EQ(connector().at("filtering").at(0).at("draft").at("validation").at("state"), json::value("valid"))
        << json::serialize(connector().at("filtering"));
  }
};

// 11 / sync rules: excluded documents are not indexed, and a full sync deletes the ones that
// were there.
TEST_F(SyncRulesTest, ExcludedDocumentsAreNotIndexedAndFullSyncsDeleteThem) {
  configure(R"({"documents": 10})");
  ASSERT_EQ(text(run_jobs(kibana_->press_sync(id_, {})), "status"), "completed");
  ASSERT_EQ(kibana_->count(index_, {}), 10);

  activate_rules(R"([{"id":"keep-3","policy":"include","field":"n","rule":"equals","value":"4","order":0},
                     {"id":"no-even","policy":"exclude","field":"even","rule":"equals","value":"true","order":1}])");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  // Odd documents, plus n=4 that the first rule includes before the second can exclude it.
  EXPECT_EQ(j.at("indexed_document_count").to_number<int>(), 6);
  EXPECT_EQ(j.at("deleted_document_count").to_number<int>(), 4);
  EXPECT_EQ(kibana_->count(index_, {}), 6);
  protocol::RequestOptions options;
  options.accept_statuses = {404};
  EXPECT_EQ(es_->request(HttpMethod::kGet, "/" + index_ + "/_doc/fake_2", {}, options, {}).status, 404u);
  EXPECT_EQ(es_->request(HttpMethod::kGet, "/" + index_ + "/_doc/fake_4", {}, options, {}).status, 200u);
}

// Rules see `id` and compare text as text; regexes match from the start only.
TEST_F(SyncRulesTest, RulesSeeTheDocumentIdAndUseRegexMatchSemantics) {
  configure(R"({"documents": 12})");
  activate_rules(R"([{"id":"r1","policy":"exclude","field":"id","rule":"regex","value":"fake_1","order":0},
                     {"id":"r2","policy":"exclude","field":"title","rule":"regex","value":"5","order":1}])");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  // fake_1, fake_10, fake_11, fake_12 excluded; "doc 5" does not start with 5.
  EXPECT_EQ(kibana_->count(index_, {}), 8);
}

// Advanced rules reach the source; the job uses its snapshot, not later drafts.
TEST_F(SyncRulesTest, TheJobUsesTheRulesActiveWhenItWasCreated) {
  configure(R"({"documents": 10})");
  activate_rules("[]", R"({"max_documents":3})");
  const std::string job_id = kibana_->press_sync(id_, {});
  request(HttpMethod::kPut, "/_connector/" + id_ + "/_filtering", R"({"rules":[],"advanced_snippet":{"value":{}}})");
  service::ConnectorPass(*context_).run({});  // activates the empty snippet
  const json::object j = run_jobs(job_id);
  EXPECT_EQ(text(j, "status"), "completed") << text(j, "error");
  EXPECT_EQ(kibana_->count(index_, {}), 3);
}

// A job whose filtering snapshot is invalid fails with InvalidFilteringError.
TEST_F(SyncRulesTest, AJobWithAnInvalidFilteringSnapshotFails) {
  configure(R"({"documents": 3})");
  service::ConnectorPass(*context_).run({});  // features: sync rules enabled
  // Written straight into the index, as no validation would have let it through.
  json::value filtering = connector().at("filtering");
  filtering.at(0).as_object()["active"].as_object()["rules"] = json::parse(
      R"([{"id":"r1","policy":"exclude","field":"title","rule":"regex","value":".*","order":0}])");
  update_doc(".elastic-connectors", id_, R"({"filtering":)" + json::serialize(filtering) + "}");
  const json::object j = run_jobs(kibana_->press_sync(id_, {}));
  EXPECT_EQ(text(j, "status"), "error");
  EXPECT_EQ(text(j, "error"),
            "InvalidFilteringError: Filtering in state FilteringValidationState.INVALID, errors: [(ids: ['r1'], "
            "messages: [\"Basic rule 1 (id: 'r...1') uses a match all regexps ['.*', '(.*)'], which are not "
            "allowed.\"])].");
  EXPECT_EQ(text(connector(), "last_sync_status"), "error");
}

}  // namespace
}  // namespace connectors::ftest
