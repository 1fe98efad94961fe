#pragma once
// A connector document's `features`, read as Elastic's Features class reads them: missing
// keys are false; sync rules count as enabled when any of the new (`sync_rules.basic`,
// `sync_rules.advanced`) or legacy (`filtering_rules`, `filtering_advanced_config`) flags is on.
// Pure.

#include <boost/json/value.hpp>

namespace connectors::service {

struct ConnectorFeatures {
  bool sync_rules = false;
  bool document_level_security = false;
  bool incremental_sync = false;

  static ConnectorFeatures from_json(const boost::json::value& features);
};

}  // namespace connectors::service
