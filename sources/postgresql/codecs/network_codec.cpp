#include "sources/postgresql/codecs/network_codec.hpp"

#include <cstdio>

#include "sources/postgresql/codecs/binary_reader.hpp"

namespace connectors::sources::postgresql::codecs {
namespace {

// PGSQL_AF_INET / PGSQL_AF_INET6 from utils/inet.h.
constexpr std::uint8_t kFamilyInet = 2;
constexpr std::uint8_t kFamilyInet6 = 3;

void append_ipv4(std::string& out, const unsigned char* a) {
  char buf[16];
  const int n = std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
  out.append(buf, static_cast<std::size_t>(n));
}

void append_ipv6(std::string& out, const unsigned char* a) {
  unsigned groups[8];
  for (int i = 0; i < 8; ++i) groups[i] = (unsigned{a[2 * i]} << 8) | a[2 * i + 1];
  int best_start = -1, best_length = 0;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }
  if (best_length < 2) best_start = -1;
  char buf[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_length - 1;
      continue;
    }
    if (i > 0 && i != best_start + best_length) out += ':';
    const int n = std::snprintf(buf, sizeof buf, "%x", groups[i]);
    out.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

void append_inet(std::string& out, std::string_view bytes) {
  ByteReader reader(bytes, "inet");
  const std::uint8_t family = reader.u8();
  const std::uint8_t bits = reader.u8();
  const bool is_cidr = reader.u8() != 0;
  const std::uint8_t length = reader.u8();
  const std::string_view address = reader.take(length);
  reader.expect_end();
  const auto* a = reinterpret_cast<const unsigned char*>(address.data());
  unsigned max_bits = 0;
  if (family == kFamilyInet && length == 4) {
    append_ipv4(out, a);
    max_bits = 32;
  } else if (family == kFamilyInet6 && length == 16) {
    append_ipv6(out, a);
    max_bits = 128;
  } else {
    reader.fail("unknown address family or length");
  }
  if (bits > max_bits) reader.fail("prefix longer than the address");
  if (is_cidr || bits != max_bits) {
    out += '/';
    out += std::to_string(bits);
  }
}

}  // namespace connectors::sources::postgresql::codecs
