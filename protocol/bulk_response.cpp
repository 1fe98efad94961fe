#include "protocol/bulk_response.hpp"

#include <boost/json/parse.hpp>

namespace connectors::protocol {
namespace json = boost::json;

namespace {

[[noreturn]] void malformed(std::string_view why) {
  throw core::Error("BulkResponseError", "malformed _bulk response: " + std::string(why));
}

std::string string_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

BulkResponse parse_bulk_response(std::string_view body) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) malformed("not a JSON object");
  const auto& root = parsed.get_object();
  BulkResponse response;
  if (const auto* errors = root.if_contains("errors"); errors && errors->is_bool()) {
    response.errors = errors->get_bool();
  }
  const json::value* items = root.if_contains("items");
  if (!items || !items->is_array()) malformed("no items");
  response.items.reserve(items->get_array().size());
  for (const auto& item : items->get_array()) {
    if (!item.is_object() || item.get_object().size() != 1) malformed("an item is not a one-key object");
    const auto& [op_name, detail_value] = *item.get_object().begin();
    if (!detail_value.is_object()) malformed("an item has no details");
    const auto& detail = detail_value.get_object();
    BulkItemResult result;
    if (op_name == "index") result.op = BulkOp::kIndex;
    else if (op_name == "create") result.op = BulkOp::kCreate;
    else if (op_name == "update") result.op = BulkOp::kUpdate;
    else if (op_name == "delete") result.op = BulkOp::kDelete;
    else malformed("unknown operation " + std::string(op_name));
    result.id = string_field(detail, "_id");
    if (const auto* status = detail.if_contains("status"); status && status->is_number()) {
      result.status = status->to_number<unsigned>();
    }
    result.result = string_field(detail, "result");
    if (const auto* error = detail.if_contains("error"); error && error->is_object()) {
      result.error_type = string_field(error->get_object(), "type");
      result.error_reason = string_field(error->get_object(), "reason");
      if (result.error_type.empty()) result.error_type = "unknown_error";
    }
    response.items.push_back(std::move(result));
  }
  return response;
}

}  // namespace connectors::protocol
