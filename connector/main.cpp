// elastic-ingest: Elastic's connectors service, in C++. Same command line, same config.yml.
// The flow is in ingest_main.hpp; this file only names the sources the shipped binary syncs.

#include <malloc.h>

#include <exception>

#include <spdlog/spdlog.h>

#include "connector/ingest_main.hpp"
#include "connector/register_sources.hpp"

int main(int argc, char** argv) {
  // Documents and _bulk bodies are often hundreds of KiB. With glibc's default, the mmap
  // threshold grows each time such a buffer is freed, after which big buffers come from the
  // heap and their pages stay with the process: the peak RSS of a sync doubled. A fixed
  // threshold gives every big buffer back to the system when it is freed.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  try {
    return connectors::service::elastic_ingest_main(argc, argv, connectors::service::register_sources);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
}
