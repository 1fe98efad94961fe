#pragma once
// inet and cidr: family, prefix bits, is_cidr, address length, address bytes.
//
// Written as Python's str() of what asyncpg returns, as Elastic's serialize() does:
//   inet with a full prefix (/32, /128)  IPv4Address/IPv6Address   192.168.1.1, 2001:db8::1
//   inet with a shorter prefix           IPv4Interface/...         10.30.0.9/24
//   cidr                                 IPv4Network/...           10.0.0.0/8, 2001:db8::/32
// IPv6 is compressed as Python's ipaddress does (RFC 5952: the longest run of two or more
// zero groups, the first on a tie, lower-case hex). IPv4-mapped addresses print in pure hex
// (::ffff:c000:201), as Python before 3.13 does.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

void append_inet(std::string& out, std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
