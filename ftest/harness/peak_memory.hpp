#pragma once
// This process's peak resident memory, for tests and benchmarks that bound it (Linux:
// VmHWM in /proc/self/status, reset by writing 5 to /proc/self/clear_refs).

namespace connectors::ftest {

// Restarts the peak from the current resident size.
void reset_peak_rss();

// The peak resident size since the start or the last reset, in KiB; 0 when unknown.
long peak_rss_kib();

}  // namespace connectors::ftest
