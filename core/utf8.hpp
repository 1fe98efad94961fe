#pragma once
// UTF-8 validity (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), for the
// places that must never pass invalid bytes on: JSON text and document ids.

#include <cstddef>
#include <string>
#include <string_view>

namespace connectors::core {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// Appends `bytes` without the bytes that are not valid UTF-8 (Python's
// bytes.decode("utf-8", errors="ignore")).
void append_valid_utf8(std::string& out, std::string_view bytes);

}  // namespace connectors::core
