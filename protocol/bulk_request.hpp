#pragma once
// The NDJSON body of one _bulk request, built in place.
//
//   {"index":{"_index":"search-x","_id":"db_public_t_1"}}\n
//   {...document...}\n
//   {"delete":{"_index":"search-x","_id":"db_public_t_2"}}\n
//
// Documents are written straight into the request buffer (begin_index returns it), so a
// document is copied once on its way from the source to the socket. Pure: no I/O.

#include <cstddef>
#include <string>
#include <string_view>

namespace connectors::protocol {

class BulkRequest {
 public:
  explicit BulkRequest(std::string index) : index_(std::move(index)) {}

  // Appends the action line of an `index` operation and returns the buffer: the caller
  // appends the document JSON (one line, no newline) and then calls end_document().
  std::string& begin_index(std::string_view id);
  void end_document();
  void add_delete(std::string_view id);
  // Appends operations already in NDJSON form (e.g. taken from another request), newline-ended.
  void append_operation(std::string_view ndjson);

  // NDJSON lines (an index operation is two, a delete one): what chunk_size counts.
  std::size_t lines() const { return lines_; }
  std::size_t operations() const { return operations_; }
  std::size_t bytes() const { return body_.size(); }
  bool empty() const { return operations_ == 0; }
  const std::string& body() const { return body_; }
  const std::string& index() const { return index_; }

  // Keeps the index, forgets the operations; keeps the buffer's capacity.
  void clear();

 private:
  void append_action(std::string_view action, std::string_view id);

  std::string index_;
  std::string body_;
  std::size_t lines_ = 0;
  std::size_t operations_ = 0;
};

}  // namespace connectors::protocol
