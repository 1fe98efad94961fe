#pragma once
// A Source for tests of the service: configured through the connector document like a real
// source, so a test drives it the way a user would (Kibana's configuration form).
//
//   documents    how many documents get_docs() produces: ids "<id_prefix><n>", n from 1
//   fail_after   throw FakeSourceError after this many documents (0: never)
//   ping_error   when set, ping() throws it
//   delay_ms     pause before each document (for cancel and shutdown tests)
//   id_prefix    default "fake_"
//   body_bytes   size of each document's `body` text field
//   skip_prefix  when set, report that the part with this id prefix could not be read

#include "sources/source.hpp"

namespace connectors::sources::testing {

inline constexpr char kFakeServiceType[] = "fake";

SourceDescriptor make_fake_descriptor();

}  // namespace connectors::sources::testing
