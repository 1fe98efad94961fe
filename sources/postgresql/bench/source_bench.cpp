// Throughput of the PostgreSQL source alone: a throwaway server, a narrow table of N rows,
// one full sync into a sink that only counts. Not a test: run it by hand.
//
//   postgresql_source_bench [rows=1000000]
//
// Prints rows/s and MiB/s of document JSON, and the process's peak RSS.

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include <boost/json/object.hpp>

#include "core/clock.hpp"
#include "ftest/harness/peak_memory.hpp"
#include "ftest/harness/postgres_server.hpp"
#include "sources/postgresql/postgres_source.hpp"

namespace {

using namespace connectors;

class CountingSink final : public sources::DocumentSink {
 public:
  void skip(std::string, std::string) override {}
  void put(sources::Document&& document) override {
    ++documents;
    bytes += document.json.size() + document.id.size();
  }
  std::uint64_t documents = 0;
  std::uint64_t bytes = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::stol(argv[1]) : 1'000'000;
  spdlog::set_level(spdlog::level::warn);
  auto server = ftest::PostgresServer::start();
  std::cout << "loading " << rows << " rows..." << std::flush;
  server.exec(
      "CREATE TABLE narrow (id int PRIMARY KEY, name text, age int, score float8, created timestamptz); "
      "INSERT INTO narrow SELECT g, 'name ' || g, g % 100, g / 7.0, "
      "'2024-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, " +
      std::to_string(rows) + ") g");
  server.exec("VACUUM ANALYZE narrow");
  std::cout << " done\n";

  auto descriptor = sources::postgresql::make_postgresql_descriptor(std::make_shared<core::SystemClock>());
  boost::json::object stored = sources::to_configuration_json(descriptor.configuration);
  auto set = [&](const char* key, boost::json::value value) { stored[key].as_object()["value"] = value; };
  set("host", boost::json::string(server.host()));
  set("port", server.port());
  set("username", boost::json::string(server.admin_user()));
  set("password", boost::json::string(server.admin_password()));
  set("database", boost::json::string(server.database()));
  set("schema", "public");
  set("tables", "narrow");
  const sources::DataSourceConfiguration configuration(stored, descriptor.configuration);
  auto source = descriptor.create(configuration);

  CountingSink sink;
  const auto started = std::chrono::steady_clock::now();
  source->get_docs(sources::SyncRequest{}, sink, {});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%llu documents in %.2f s: %.0f rows/s, %.1f MiB/s of JSON; peak RSS %ld MiB\n",
              static_cast<unsigned long long>(sink.documents), seconds, sink.documents / seconds,
              sink.bytes / seconds / (1024.0 * 1024.0), ftest::peak_rss_kib() / 1024);
  return 0;
}
