#pragma once
// The partial-document merge of the update API (Elasticsearch's XContentHelper.update):
// objects merge recursively, anything else (arrays included) is replaced. The return value
// says whether anything changed, which is what detect_noop reports as "noop".

#include <boost/json.hpp>

namespace connectors::emulator {

bool merge_into(boost::json::object& target, const boost::json::object& changes);

}  // namespace connectors::emulator
