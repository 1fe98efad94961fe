#pragma once
// A throw-away TLS identity for tests, generated in memory with OpenSSL: an EC P-256 key and
// a self-signed certificate (CA:TRUE, so it can be its own trust anchor) whose
// subjectAltName lists the given DNS names and IP addresses.

#include <string>
#include <vector>

namespace connectors::protocol::testing {

struct TlsIdentity {
  std::string certificate_pem;
  std::string private_key_pem;
};

// Throws std::runtime_error if OpenSSL fails.
TlsIdentity make_self_signed_identity(const std::vector<std::string>& dns_names,
                                      const std::vector<std::string>& ip_addresses,
                                      const std::string& common_name = "localhost");

}  // namespace connectors::protocol::testing
