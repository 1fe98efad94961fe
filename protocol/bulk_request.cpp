#include "protocol/bulk_request.hpp"

#include "core/json_writer.hpp"

namespace connectors::protocol {

void BulkRequest::append_action(std::string_view action, std::string_view id) {
  body_ += "{\"";
  body_ += action;
  body_ += "\":{\"_index\":\"";
  core::append_json_escaped(body_, index_);
  body_ += "\",\"_id\":\"";
  core::append_json_escaped(body_, id);
  body_ += "\"}}\n";
  ++lines_;
  ++operations_;
}

std::string& BulkRequest::begin_index(std::string_view id) {
  append_action("index", id);
  return body_;
}

void BulkRequest::end_document() {
  body_ += '\n';
  ++lines_;
}

void BulkRequest::add_delete(std::string_view id) { append_action("delete", id); }

void BulkRequest::append_operation(std::string_view ndjson) {
  body_ += ndjson;
  for (char c : ndjson) lines_ += c == '\n';
  ++operations_;
}

void BulkRequest::clear() {
  body_.clear();
  lines_ = 0;
  operations_ = 0;
}

}  // namespace connectors::protocol
