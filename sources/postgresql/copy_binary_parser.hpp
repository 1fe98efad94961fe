#pragma once
// A parser for PostgreSQL's binary COPY stream (https://www.postgresql.org/docs/current/sql-copy.html,
// "Binary Format"). Pure: it walks bytes and never touches a connection.
//
//   header   "PGCOPY\n\377\r\n\0", int32 flags, int32 extension length, extension bytes
//   tuple    int16 field count, then per field: int32 length (-1: NULL) and the bytes
//   trailer  int16 -1
//
// The server sends the header together with the first tuple, then one tuple per CopyData
// message, then the trailer; the parser does not rely on that: a tuple split across chunks
// is carried over (copied once) to the next feed(). Every length is bounds-checked; anything
// malformed throws PgError (permanent), naming the byte offset.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace connectors::sources::postgresql {

// One field of a tuple: a view into the chunk being parsed (valid during on_row only).
struct CopyField {
  const char* data = nullptr;
  std::int32_t length = -1;  // -1: NULL
  bool is_null() const { return length < 0; }
  std::string_view bytes() const {
    return is_null() ? std::string_view{} : std::string_view(data, static_cast<std::size_t>(length));
  }
};

class CopyRowHandler {
 public:
  virtual ~CopyRowHandler() = default;
  virtual void on_row(std::span<const CopyField> fields) = 0;
};

class CopyBinaryParser {
 public:
  // `expected_fields`: the field count every tuple must have (-1: any).
  explicit CopyBinaryParser(int expected_fields = -1) : expected_fields_(expected_fields) {}

  // Parses every complete tuple in `chunk` (after anything carried over), calling `handler`
  // once per tuple. Exceptions from the handler propagate.
  void feed(std::string_view chunk, CopyRowHandler& handler);
  // The stream has ended: throws unless the trailer was seen and nothing follows it.
  void finish() const;

  bool finished() const { return state_ == State::kDone; }
  std::uint64_t rows() const { return rows_; }

 private:
  enum class State { kHeader, kTuples, kDone };

  // Parses from `data`; returns the bytes consumed (a partial header or tuple is left).
  std::size_t parse(std::string_view data, CopyRowHandler& handler);

  int expected_fields_;
  State state_ = State::kHeader;
  std::uint64_t rows_ = 0;
  std::uint64_t offset_ = 0;  // stream offset of the first unconsumed byte, for messages
  std::string carry_;
  std::vector<CopyField> fields_;
};

}  // namespace connectors::sources::postgresql
