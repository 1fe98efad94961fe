#pragma once
// The system types a table can hold, decoded as asyncpg decodes them:
//
//   tid                    uint32 block, uint16 offset   -> (block, offset)   JSON [0,1]          str (0, 1)
//   pg_snapshot,           int32 n, int64 xmin, xmax,    -> (xmin, xmax,      JSON [10,12,[11]]   str (10, 12, (11,))
//   txid_snapshot          n x int64 in-progress ids         (xip, ...))
//
// Elastic's serialize() turns tuples into JSON arrays. xid, cid and oid are unsigned 32-bit
// integers, xid8 an unsigned 64-bit one, and pg_lsn a signed 64-bit one (asyncpg decodes it
// with its int8 codec): those are numbers and live in integer_codec.

#include <string>
#include <string_view>

#include "core/json_writer.hpp"

namespace connectors::sources::postgresql::codecs {

void write_tid_json(std::string_view bytes, core::JsonWriter& writer);
void append_tid_repr(std::string& out, std::string_view bytes);

void write_snapshot_json(std::string_view bytes, core::JsonWriter& writer);
void append_snapshot_repr(std::string& out, std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
