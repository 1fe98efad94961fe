#pragma once
// uuid: 16 bytes. Python's str(UUID): lower-case hex, 8-4-4-4-12.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

void append_uuid(std::string& out, std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
