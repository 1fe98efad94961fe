#include "ftest/es_emulator/connector_states.hpp"

#include <gtest/gtest.h>

#include "ftest/es_emulator/es_error.hpp"

namespace connectors::emulator {
namespace {

TEST(ConnectorStates, ConnectorMachine) {
  using S = ConnectorStatus;
  EXPECT_TRUE(valid_transition(S::Created, S::NeedsConfiguration));
  EXPECT_TRUE(valid_transition(S::Created, S::Error));
  EXPECT_FALSE(valid_transition(S::Created, S::Connected));
  EXPECT_TRUE(valid_transition(S::NeedsConfiguration, S::Configured));
  EXPECT_FALSE(valid_transition(S::NeedsConfiguration, S::Error));
  EXPECT_TRUE(valid_transition(S::Configured, S::Connected));
  EXPECT_TRUE(valid_transition(S::Connected, S::Configured));
  EXPECT_TRUE(valid_transition(S::Error, S::Connected));
  EXPECT_FALSE(valid_transition(S::Error, S::Created));
  try {
    assert_transition(S::Created, S::Connected);
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.status(), 400u);
    EXPECT_EQ(e.type(), "status_exception");
    EXPECT_EQ(e.reason(),
              "Invalid transition attempt from [created] to [connected]. Such a status transition "
              "is not supported "
              "by the Connector Protocol.");
    ASSERT_TRUE(e.caused_by());
    EXPECT_EQ(e.caused_by()->type(), "connector_invalid_status_transition_exception");
  }
}

TEST(ConnectorStates, SyncJobMachine) {
  using S = SyncStatus;
  EXPECT_TRUE(valid_transition(S::Pending, S::InProgress));
  EXPECT_TRUE(valid_transition(S::Pending, S::Canceled));
  EXPECT_FALSE(valid_transition(S::Pending, S::Error));
  EXPECT_TRUE(valid_transition(S::InProgress, S::Suspended));
  EXPECT_TRUE(valid_transition(S::Suspended, S::InProgress));
  EXPECT_TRUE(valid_transition(S::Canceling, S::Canceled));
  for (const auto terminal : {S::Completed, S::Canceled, S::Error}) {
    for (const auto to : {S::Pending, S::InProgress, S::Canceling, S::Canceled, S::Completed,
                          S::Error, S::Suspended}) {
      EXPECT_FALSE(valid_transition(terminal, to));
    }
  }
  try {
    assert_transition(S::Canceled, S::Canceling);
    FAIL();
  } catch (const EsError& e) {
    EXPECT_EQ(e.reason(),
              "Invalid transition attempt from [canceled] to [canceling]. Such a "
              "ConnectorSyncStatus transition is "
              "not supported by the Connector Protocol.");
    EXPECT_EQ(e.caused_by()->type(), "connector_sync_job_invalid_status_transition_exception");
  }
}

TEST(ConnectorStates, Names) {
  EXPECT_EQ(parse_sync_status("in_progress"), SyncStatus::InProgress);
  EXPECT_FALSE(parse_sync_status("running"));
  EXPECT_EQ(to_string(ConnectorStatus::NeedsConfiguration), "needs_configuration");
  EXPECT_EQ(parse_job_type("access_control"), JobType::AccessControl);
  EXPECT_FALSE(parse_trigger_method("full"));
}

}  // namespace
}  // namespace connectors::emulator
