// make demo: the whole product on sample data, start to finish, on one machine.
//
//   throwaway PostgreSQL + sample rows  ->  es-emulator (an Elasticsearch stand-in)
//   -> a connector created the way Kibana creates it -> elastic-ingest -> "Sync"
//   -> progress -> the document count and one document -> everything stopped again

#include <cstdio>
#include <iostream>
#include <string>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "core/float_format.hpp"
#include "ftest/stack/interrupt_watcher.hpp"
#include "ftest/stack/postgres_stack.hpp"

namespace {

namespace json = boost::json;
using namespace connectors;
using namespace connectors::ftest;

void pretty(std::string& out, const json::value& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
  if (v.is_object() && !v.get_object().empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& kv : v.get_object()) {
      if (!first) out += ",\n";
      first = false;
      out += inner + json::serialize(json::value(kv.key())) + ": ";
      pretty(out, kv.value(), indent + 1);
    }
    out += "\n" + pad + "}";
  } else if (v.is_array() && !v.get_array().empty()) {
    out += "[";
    bool first = true;
    for (const auto& item : v.get_array()) {
      if (!first) out += ", ";
      first = false;
      pretty(out, item, indent + 1);
    }
    out += "]";
  } else if (v.is_string() && v.get_string().size() > 100) {
    out += json::serialize(json::value(std::string(std::string_view(v.get_string()).substr(0, 100)) + "..."));
  } else if (v.is_double()) {
    out += core::python_float(v.get_double());
  } else {
    out += json::serialize(v);
  }
}

void step(const char* text) {
  std::printf("%s\n", text);
  std::fflush(stdout);
}

int run(std::stop_token stop) {
  step("== Connectors demo: PostgreSQL -> elastic-ingest -> Elasticsearch ==");
  step("Starting a throwaway PostgreSQL, loading sample rows, starting es-emulator, and creating");
  step("connector 'postgres' (index 'search-postgresql') the way Kibana does...");
  PostgresStack stack(build_paths(), DataSize::kDemo, stop);
  std::printf("  PostgreSQL   %s:%d, database xe: %lld rows (customers_0 and special_types)\n",
              stack.postgres().host().c_str(), stack.postgres().port(),
              static_cast<long long>(loaded_docs(DataSize::kDemo)));
  std::printf("  es-emulator  %s\n", stack.es_url().c_str());
  std::printf("  work dir     %s (config.yml and logs, removed at the end)\n", stack.work_dir().c_str());
  step("Starting elastic-ingest and pressing \"Sync\"...");
  std::string last;
  const SyncOutcome outcome = stack.sync(std::chrono::seconds{300}, [&](const json::object& job) {
    const json::value* indexed = job.if_contains("indexed_document_count");
    const std::string line = "  job " + std::string(job.at("status").as_string()) + ", " +
                             (indexed ? json::serialize(*indexed) : "0") + " documents indexed";
    if (line != last) step(line.c_str());
    last = line;
  });
  const std::string status(outcome.job.at("status").as_string());
  if (status != "completed") {
    std::fprintf(stderr, "The sync ended '%s': %s\nService log:\n%s", status.c_str(),
                 json::serialize(outcome.job.at("error")).c_str(), tail_of_file(stack.service_log()).c_str());
    return 1;
  }
  std::printf("Sync completed in %.2fs; elastic-ingest used at most %.1f MiB.\n", outcome.wall_seconds,
              outcome.service_exit.max_rss_kib / 1024.0);
  const std::int64_t count = stack.kibana().count(kIndexName, stop);
  std::printf("Index '%s' holds %lld documents. One of them (_id, then _source):\n", kIndexName,
              static_cast<long long>(count));
  const json::object hit = stack.kibana().first_document(kIndexName, stop);
  std::string doc = "_id: " + std::string(hit.at("_id").as_string()) + "\n";
  pretty(doc, hit.at("_source"), 0);
  std::printf("%s\n", doc.c_str());
  step("Stopping everything the demo started...");
  return 0;
}

}  // namespace

int main() {
  InterruptWatcher interrupts;
  int code = 1;
  try {
    code = run(interrupts.token());
  } catch (const core::StopRequested&) {
    std::fprintf(stderr, "interrupted\n");
    return 130;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "demo failed: %s\n", e.what());
    return 1;
  }
  std::printf("Done.\n");
  return code;
}
