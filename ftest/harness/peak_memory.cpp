#include "ftest/harness/peak_memory.hpp"

#include <fstream>
#include <string>

namespace connectors::ftest {

void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  }
  return 0;
}

}  // namespace connectors::ftest
