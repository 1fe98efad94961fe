// The memory bound of the whole service during a large PostgreSQL full sync. Not a test: a
// benchmark, run by hand (it takes minutes), whose figures are in docs/postgresql.md.
//
//   postgresql_service_bench [ROWS=1000000]
//
//   PostgreSQL (throwaway) with one table of ROWS narrow rows   es-emulator
//   elastic-ingest, full sync into an empty index      -> its peak RSS, against 64 MB
//   elastic-ingest, full sync again (ROWS documents in the index, whose ids the service keeps
//   as 16-byte fingerprints to find the stale ones)    -> its peak RSS, against 64 MB + 16 B x ROWS
//
// Peak RSS is the elastic-ingest process's own (getrusage of the child: VmHWM), from its start
// to its exit. Exits 1 when a bound is exceeded or a sync does not complete.

#include <cstdio>
#include <cstdlib>
#include <string>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "ftest/stack/interrupt_watcher.hpp"
#include "ftest/stack/postgres_stack.hpp"

namespace {

using namespace connectors;
using namespace connectors::ftest;

constexpr double kBaseBytes = 64e6;          // 64 MB
constexpr double kBytesPerExistingDocument = 16;

std::string text(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : (v ? boost::json::serialize(*v) : "<absent>");
}

// A customers-like table: about 520 bytes of document per row.
void load_rows(PostgresServer& pg, long rows) {
  pg.exec("CREATE USER readonly PASSWORD 'foobar123'; GRANT pg_read_all_data TO readonly;");
  pg.exec(
      "CREATE TABLE customers (id bigint PRIMARY KEY, name text, email text, age int, score numeric(10,2), "
      "active boolean, created timestamptz, description text)");
  pg.exec("INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.com', g % 90, (g % 10000) / 7.0, "
          "g % 3 = 0, '2024-01-01'::timestamptz + g * interval '1 minute', "
          "repeat(md5(g::text), 3) || ' lorem ipsum dolor sit amet' FROM generate_series(1, " +
          std::to_string(rows) + ") g");
  pg.exec("VACUUM ANALYZE customers");
}

bool report(int n, const SyncOutcome& outcome, long rows, long existing) {
  const double peak = static_cast<double>(outcome.service_exit.max_rss_kib) * 1024.0;
  const double bound = kBaseBytes + kBytesPerExistingDocument * static_cast<double>(existing);
  const bool completed = text(outcome.job, "status") == "completed";
  const bool within = peak < bound;
  std::printf("[bench] sync %d (%ld documents already in the index): %s in %.1f s (service-reported %.1f s), "
              "%.0f rows/s, indexed %s; elastic-ingest peak RSS %.1f MB (%.1f MiB), bound %.1f MB: %s\n",
              n, existing, text(outcome.job, "status").c_str(), outcome.wall_seconds, outcome.service_seconds,
              static_cast<double>(rows) / std::max(outcome.service_seconds, 0.001),
              text(outcome.job, "indexed_document_count").c_str(), peak / 1e6, peak / (1024.0 * 1024.0), bound / 1e6,
              completed && within ? "PASS" : "FAIL");
  std::fflush(stdout);
  return completed && within;
}

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 1'000'000;
  if (rows <= 0) {
    std::fprintf(stderr, "usage: postgresql_service_bench [ROWS=1000000]\n");
    return 2;
  }
  InterruptWatcher interrupts;
  try {
    std::printf("[bench] loading %ld rows into PostgreSQL...\n", rows);
    std::fflush(stdout);
    PostgresStack stack(build_paths(), [rows](PostgresServer& pg) { load_rows(pg, rows); }, interrupts.token());
    std::printf("[bench] loaded in %.1f s; PostgreSQL on port %d, es-emulator at %s, work dir %s\n",
                stack.load_seconds(), stack.postgres().port(), stack.es_url().c_str(), stack.work_dir().c_str());
    std::fflush(stdout);
    const auto timeout = std::chrono::seconds{3600};
    const bool first = report(1, stack.sync(timeout), rows, 0);
    const bool second = report(2, stack.sync(timeout), rows, rows);
    std::printf("[bench] %s\n", first && second ? "PASS" : "FAIL");
    return first && second ? 0 : 1;
  } catch (const core::StopRequested&) {
    std::fprintf(stderr, "[bench] interrupted\n");
    return 130;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "[bench] FAIL: %s\n", e.what());
    return 1;
  }
}
