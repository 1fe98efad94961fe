#pragma once
// Sources for tests of the service: configured through the connector document like a real
// source, so a test drives them the way a user would (Kibana's configuration form).
//
// "fake": basic and advanced sync rules, incremental syncs. Its documents are
//   {"n": <n>, "title": "doc <n>", "even": <n is even>, "body": "xxx..."[, "_timestamp": ...]}
// with ids "<id_prefix><n>", n from 1. Configuration:
//   documents       how many documents get_docs() produces
//   fail_after      throw FakeSourceError after this many documents (0: never)
//   ping_error      when set, ping() throws it
//   delay_ms        pause before each document (for cancel, shutdown and progress tests)
//   id_prefix       default "fake_"
//   body_bytes      size of each document's `body` text field
//   skip_prefix     when set, report that the part with this id prefix could not be read
//   malformed_from  documents n in [malformed_from, malformed_to] are broken JSON inside
//   malformed_to    their braces, which Elasticsearch rejects item by item (0: none)
//   timestamp       when set, every document carries this `_timestamp`
// Sync cursor: {"last": <documents>} after a sync; an incremental sync with a cursor produces
// only the documents after `last`. Advanced rules: {"max_documents": K} produces at most K
// documents; any other key is reported invalid by validate_advanced_rules().
//
// "fake_dls": the same with document-level security: get_access_control() produces
//   acl_documents   access-control documents {"_timestamp": <acl_timestamp>, "query": ...},
//   acl_timestamp   ids "acl_<n>"; the same timestamp on a later sync means "unchanged".

#include <atomic>
#include <memory>

#include "sources/source.hpp"

namespace connectors::sources::testing {

inline constexpr char kFakeServiceType[] = "fake";
inline constexpr char kFakeDlsServiceType[] = "fake_dls";

// What the service did with the fake sources it created (shared with the test).
struct FakeProbe {
  std::atomic<int> pings{0};
  std::atomic<int> syncs{0};
};

SourceDescriptor make_fake_descriptor(std::shared_ptr<FakeProbe> probe = nullptr);
SourceDescriptor make_fake_dls_descriptor(std::shared_ptr<FakeProbe> probe = nullptr);

}  // namespace connectors::sources::testing
