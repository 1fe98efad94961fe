#pragma once
// The file libpq reads as `sslrootcert` when SSL verification is on: the system CA bundle
// plus the CA the user configured, as Elastic builds an ssl context from the default CAs
// and then load_verify_locations(cadata=<ssl_ca>).
//
// The file is private (0600, mkstemp) and removed by the destructor: it only has to live
// while a connection is being established.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql {

inline constexpr std::string_view kSystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

class CaBundleFile {
 public:
  // `pem` is the configured certificate, already in PEM form (see pem_format). A missing
  // system bundle is not an error: the configured CA alone is used.
  explicit CaBundleFile(std::string_view pem, std::string_view system_bundle = kSystemCaBundle);
  CaBundleFile(CaBundleFile&& other) noexcept;
  CaBundleFile& operator=(CaBundleFile&&) = delete;
  CaBundleFile(const CaBundleFile&) = delete;
  CaBundleFile& operator=(const CaBundleFile&) = delete;
  ~CaBundleFile();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace connectors::sources::postgresql
