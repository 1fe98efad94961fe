#include "sources/postgresql/codecs/system_codec.hpp"

#include <cstdint>

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

struct Tid {
  std::uint32_t block;
  std::uint16_t offset;
};

Tid decode_tid(std::string_view bytes) {
  expect_size(bytes, 6, "tid");
  return {read_u32(bytes.data()), read_u16(bytes.data() + 4)};
}

// Calls on_xid for each in-progress id after reading xmin and xmax.
template <typename OnHeader, typename OnXid>
void decode_snapshot(std::string_view bytes, OnHeader&& on_header, OnXid&& on_xid) {
  ByteReader reader(bytes, "pg_snapshot");
  const std::int32_t count = reader.i32();
  const auto xmin = static_cast<std::uint64_t>(reader.i64());
  const auto xmax = static_cast<std::uint64_t>(reader.i64());
  if (count < 0 || static_cast<std::size_t>(count) != reader.remaining() / 8 || reader.remaining() % 8 != 0) {
    reader.fail("invalid transaction count");
  }
  on_header(xmin, xmax, count);
  for (std::int32_t i = 0; i < count; ++i) on_xid(static_cast<std::uint64_t>(reader.i64()));
  reader.expect_end();
}

}  // namespace

void write_tid_json(std::string_view bytes, core::JsonWriter& writer) {
  const Tid tid = decode_tid(bytes);
  writer.begin_array().number_unsigned(tid.block).number_unsigned(tid.offset).end_array();
}

void append_tid_repr(std::string& out, std::string_view bytes) {
  const Tid tid = decode_tid(bytes);
  out += '(' + std::to_string(tid.block) + ", " + std::to_string(tid.offset) + ')';
}

void write_snapshot_json(std::string_view bytes, core::JsonWriter& writer) {
  decode_snapshot(
      bytes,
      [&](std::uint64_t xmin, std::uint64_t xmax, std::int32_t) {
        writer.begin_array().number_unsigned(xmin).number_unsigned(xmax).begin_array();
      },
      [&](std::uint64_t xid) { writer.number_unsigned(xid); });
  writer.end_array().end_array();
}

void append_snapshot_repr(std::string& out, std::string_view bytes) {
  std::int32_t total = 0;
  std::int32_t seen = 0;
  decode_snapshot(
      bytes,
      [&](std::uint64_t xmin, std::uint64_t xmax, std::int32_t count) {
        total = count;
        out += '(' + std::to_string(xmin) + ", " + std::to_string(xmax) + ", (";
      },
      [&](std::uint64_t xid) {
        if (seen++ > 0) out += ", ";
        out += std::to_string(xid);
      });
  if (total == 1) out += ',';  // a one-element tuple
  out += "))";
}

}  // namespace connectors::sources::postgresql::codecs
