#pragma once
// Character types and bytea.
//
// text, varchar, bpchar (with its padding), name, "char", unknown, and every column read
// through the ::text fallback arrive as the characters themselves. bytea arrives as raw bytes;
// Elastic's serializer turns it into bytes.decode(errors="ignore"), i.e. UTF-8 with invalid
// bytes dropped, which is what JsonWriter::string_lossy writes.
//
// For `_id`s (Python's str()): text verbatim (invalid UTF-8 dropped, so the id is valid
// JSON text); bytea as Python's repr of bytes, b'...'.

#include <string>
#include <string_view>

#include "core/utf8.hpp"

namespace connectors::sources::postgresql::codecs {

using core::append_valid_utf8;

// Python's repr(bytes): b'abc', b"it's", b'\x00\xff\\'.
void append_python_bytes_repr(std::string& out, std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
