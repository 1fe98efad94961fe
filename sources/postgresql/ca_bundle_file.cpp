#include "sources/postgresql/ca_bundle_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "core/error.hpp"

namespace connectors::sources::postgresql {

CaBundleFile::CaBundleFile(std::string_view pem, std::string_view system_bundle) {
  std::string content;
  if (std::ifstream system{std::string(system_bundle), std::ios::binary}) {
    content.assign(std::istreambuf_iterator<char>(system), std::istreambuf_iterator<char>());
    if (!content.empty() && content.back() != '\n') content += '\n';
  }
  content += pem;
  content += '\n';

  std::string pattern =
      (std::filesystem::temp_directory_path() / "connectors-pg-ca-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());  // mode 0600
  if (fd < 0) {
    throw core::Error("SslCaError", "cannot create a temporary CA bundle file: " +
                                        std::string(std::strerror(errno)));
  }
  path_ = pattern;
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(path_.c_str());
      throw core::Error("SslCaError", "cannot write the temporary CA bundle file: " + reason);
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

CaBundleFile::CaBundleFile(CaBundleFile&& other) noexcept : path_(std::exchange(other.path_, {})) {}

CaBundleFile::~CaBundleFile() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

}  // namespace connectors::sources::postgresql
