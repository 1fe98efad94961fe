#pragma once
// The contract between the service and a data source.
//
//   SourceRegistry --find(service_type)--> SourceDescriptor --create(configuration)--> Source
//   Source: validate_config() -> ping() -> get_docs(request, sink, stop)
//
// A Source is created per use (a health check, a sync job) from the configuration stored
// in the connector document, used from one thread, and destroyed afterwards.

#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "sources/configuration.hpp"
#include "sources/document.hpp"

namespace connectors::sources {

// What a source can do; written to the connector document's `features` by the service.
struct SourceFeatures {
  bool basic_sync_rules = true;
  bool advanced_sync_rules = false;
  bool incremental_sync = false;
  bool document_level_security = false;
};

enum class SyncKind { kFull, kIncremental };

// One problem found in a rule set, as the connector document's filtering validation lists it
// (`errors: [{ids: [rule_id], messages: [message]}]`).
struct SyncRuleError {
  std::string rule_id;  // "advanced_snippet" for advanced rules, the rule's id for basic ones
  std::string message;
};

struct SyncRequest {
  SyncKind kind = SyncKind::kFull;
  // The job's advanced sync rules (`filtering.advanced_snippet.value`), null when none.
  boost::json::value advanced_rules;
  // The connector's `sync_cursor` for incremental syncs, null otherwise.
  boost::json::value sync_cursor;
};

class Source {
 public:
  virtual ~Source() = default;

  // Source-specific checks beyond the generic ones in DataSourceConfiguration::check_valid.
  // Throws core::Error with a message meant for the user.
  virtual void validate_config() {}

  // Reachability check, run before every sync and on every health pass. Throws core::Error
  // with the message the connector document shows.
  virtual void ping() = 0;

  // Elastic's advanced_rules_validators: the problems in `rules` (the draft's
  // advanced_snippet.value), empty when they are valid. Called only for sources whose
  // features include advanced sync rules, and only for a non-empty snippet. May need the
  // source (e.g. to check that tables exist); throws core::Error when it cannot be reached.
  virtual std::vector<SyncRuleError> validate_advanced_rules(const boost::json::value& rules) {
    (void)rules;
    return {};
  }

  // Streams every document into `sink`, in source order. Returns when all are written.
  // Throws core::Error on failure and core::StopRequested when `stop` is triggered.
  virtual void get_docs(const SyncRequest& request, DocumentSink& sink, std::stop_token stop) = 0;

  // The cursor to store on the connector after a completed sync (null: none).
  virtual boost::json::value sync_cursor() const { return nullptr; }

  // Access-control documents (users, groups and their permissions) for the
  // `.search-acl-filter-<index>` index. Only for sources whose features include
  // document-level security; each document should carry a `_timestamp` (unchanged documents
  // are then not written again).
  virtual void get_access_control(DocumentSink& sink, std::stop_token stop) {
    (void)sink;
    (void)stop;
    throw core::Error("NotImplementedError", "this source has no document-level security");
  }
};

struct SourceDescriptor {
  std::string service_type;  // "postgresql": the key in config.yml and connector documents
  std::string name;          // "PostgreSQL": shown by --action list
  ConfigSchema configuration;
  SourceFeatures features;
  std::function<std::unique_ptr<Source>(const DataSourceConfiguration&)> create;
};

}  // namespace connectors::sources
