#pragma once
// A CA certificate as users paste it into the `ssl_ca` field, turned back into PEM.
//
// Kibana's text field often turns the PEM's newlines into spaces. Elastic's get_pem_format
// (connectors/utils.py) undoes that, and so does this, with the same rules:
//   * input with newlines: each line trimmed, blank lines dropped;
//   * one line holding one certificate: spaces become newlines, except the ones inside the
//     "-----BEGIN CERTIFICATE-----" / "-----END CERTIFICATE-----" markers;
//   * one line holding several: each certificate reflowed that way, each followed by "\n";
//   * one line without an END marker: "" (upstream returns an empty string too).

#include <string>
#include <string_view>

namespace connectors::sources::postgresql {

std::string pem_format(std::string_view key,
                       std::string_view postfix = "-----END CERTIFICATE-----");

}  // namespace connectors::sources::postgresql
