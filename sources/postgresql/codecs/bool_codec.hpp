#pragma once
// bool: one byte, 0 or 1. JSON true/false; Python str(): True/False.

#include <string_view>

namespace connectors::sources::postgresql::codecs {

bool decode_bool(std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
