// make ftest NAME=postgresql [DATA_SIZE=small|medium|large]
//
// The flow of Elastic's own functional test (tests/ftest.sh), with our service and the
// bundled es-emulator in place of Docker:
//
//   PostgreSQL (throwaway) + Elastic's fixture data    es-emulator
//        "Kibana" creates the connector, its schedule, its configuration, the index
//   run elastic-ingest, press "Sync", wait for the job, stop the service (SIGINT)
//   delete 10 rows from every customers table
//   run elastic-ingest again, press "Sync", wait, stop
//   assert: the exact document count, the first document's shape, the jobs' figures
//   print: both syncs' durations and the service's peak memory
//
// Exits non-zero on any failure; everything it started is stopped, also on failure or Ctrl-C.

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "ftest/stack/interrupt_watcher.hpp"
#include "ftest/stack/postgres_stack.hpp"

namespace {

namespace json = boost::json;
using namespace connectors;
using namespace connectors::ftest;

struct Options {
  std::string name = "postgresql";
  DataSize size = DataSize::kMedium;
  std::chrono::seconds timeout{20 * 60};  // per sync, Elastic's monitor timeout
  StackPaths paths = build_paths();
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "ftest: " << problem << "\n"
            << "usage: ftest [--name postgresql] [--data-size small|medium|large] [--timeout SECONDS]\n"
            << "             [--elastic-ingest PATH] [--es-emulator PATH]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--name") {
      options.name = value();
    } else if (arg == "--data-size") {
      const std::string text = value();
      const auto size = parse_data_size(text);
      if (!size) usage("unknown data size '" + text + "'");
      options.size = *size;
    } else if (arg == "--timeout") {
      options.timeout = std::chrono::seconds{std::stoi(value())};
    } else if (arg == "--elastic-ingest") {
      options.paths.elastic_ingest = value();
    } else if (arg == "--es-emulator") {
      options.paths.es_emulator = value();
    } else if (arg == "-h" || arg == "--help") {
      usage("help");
    } else {
      usage("unknown argument '" + arg + "'");
    }
  }
  if (options.name != "postgresql") usage("no functional test named '" + options.name + "' (known: postgresql)");
  return options;
}

class Failure : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

void expect(bool condition, const std::string& what) {
  if (!condition) throw Failure(what);
}

std::int64_t number(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : -1;
}

std::string text(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : (v ? json::serialize(*v) : "<absent>");
}

void report_sync(int n, const SyncOutcome& s) {
  std::printf("[ftest] sync %d: %s in %.2fs (service-reported %.2fs) -- indexed %lld, deleted %lld, "
              "index total %lld; elastic-ingest peak RSS %.1f MiB, CPU %.2fs, %s\n",
              n, text(s.job, "status").c_str(), s.wall_seconds, s.service_seconds,
              static_cast<long long>(number(s.job, "indexed_document_count")),
              static_cast<long long>(number(s.job, "deleted_document_count")),
              static_cast<long long>(number(s.job, "total_document_count")),
              static_cast<double>(s.service_exit.max_rss_kib) / 1024.0, s.service_exit.cpu_seconds,
              s.service_exit.describe().c_str());
  std::fflush(stdout);
}

void check_completed(const SyncOutcome& s, const PostgresStack& stack) {
  if (text(s.job, "status") != "completed") {
    throw Failure("the sync job ended '" + text(s.job, "status") + "' with error " + text(s.job, "error") +
                  ". Service log:\n" + tail_of_file(stack.service_log(), 40));
  }
  expect(s.service_exit.ok(), "elastic-ingest did not exit cleanly on SIGINT: " + s.service_exit.describe());
}

int run(const Options& options, std::stop_token stop) {
  const DataShape shape = data_shape(options.size);
  std::printf("[ftest] postgresql, DATA_SIZE=%s: %d customers table(s) x %d rows + special_types\n",
              std::string(to_string(options.size)).c_str(), shape.tables, shape.rows_per_table);
  std::fflush(stdout);
  PostgresStack stack(options.paths, options.size, stop);
  std::printf("[ftest] PostgreSQL on %s:%d, es-emulator at %s, work dir %s\n", stack.postgres().host().c_str(),
              stack.postgres().port(), stack.es_url().c_str(), stack.work_dir().c_str());
  std::printf("[ftest] loaded %lld rows in %.2fs\n", static_cast<long long>(loaded_docs(options.size)),
              stack.load_seconds());
  std::fflush(stdout);

  const SyncOutcome first = stack.sync(options.timeout);
  report_sync(1, first);
  check_completed(first, stack);
  expect(number(first.job, "indexed_document_count") == loaded_docs(options.size),
         "sync 1 indexed " + std::to_string(number(first.job, "indexed_document_count")) + " documents, expected " +
             std::to_string(loaded_docs(options.size)));
  expect(number(first.job, "total_document_count") == loaded_docs(options.size),
         "after sync 1 the index holds " + std::to_string(number(first.job, "total_document_count")) +
             " documents, expected " + std::to_string(loaded_docs(options.size)));

  remove(stack.admin_connection(), options.size);
  std::printf("[ftest] deleted %d rows from each customers table\n", kRecordsToDelete);

  const SyncOutcome second = stack.sync(options.timeout);
  report_sync(2, second);
  check_completed(second, stack);
  const std::int64_t deleted_rows = static_cast<std::int64_t>(shape.tables) * kRecordsToDelete;
  expect(number(second.job, "deleted_document_count") == deleted_rows,
         "sync 2 deleted " + std::to_string(number(second.job, "deleted_document_count")) + " documents, expected " +
             std::to_string(deleted_rows));

  const std::int64_t expected = expected_docs(options.size);
  const std::int64_t count = stack.kibana().count(kIndexName, stop);
  std::printf("[ftest] index %s holds %lld documents (expected exactly %lld)\n", kIndexName,
              static_cast<long long>(count), static_cast<long long>(expected));
  expect(count == expected, "We want " + std::to_string(expected) + " docs, the index has " + std::to_string(count));

  // Elastic's verify.py checks, then the document shape our source promises.
  const json::object hit = stack.kibana().first_document(kIndexName, stop);
  const json::object& doc = hit.at("_source").as_object();
  std::printf("[ftest] first document (_id %s): %zu fields:", text(hit, "_id").c_str(), doc.size());
  for (const auto& kv : doc) std::printf(" %.*s", static_cast<int>(kv.key().size()), kv.key().data());
  std::printf("\n");
  expect(doc.size() >= 3, "The doc does not look right");
  expect(!doc.contains("_extract_binary_content"), "The pipeline did not run");
  expect(!doc.contains("_attachment"), "Content extraction was not successful");
  expect(text(doc, "id") == text(hit, "_id"), "the document's `id` is not its _id");
  expect(text(doc, "database") == "xe" && text(doc, "schema") == "public", "database/schema fields are wrong");
  expect(doc.contains("table") && doc.contains("_timestamp"), "the document has no table or _timestamp field");
  expect(text(hit, "_id").rfind("xe_public_" + text(doc, "table") + "_", 0) == 0,
         "the _id does not follow {database}_{schema}_{table}_{pk}: " + text(hit, "_id"));

  const json::object connector = stack.kibana().get_connector(kConnectorId, stop);
  expect(text(connector, "last_sync_status") == "completed", "connector last_sync_status is " +
                                                                  text(connector, "last_sync_status"));
  expect(text(connector, "status") == "connected", "connector status is " + text(connector, "status"));
  expect(number(connector, "last_deleted_document_count") == deleted_rows,
         "connector last_deleted_document_count is " + text(connector, "last_deleted_document_count"));

  std::printf("[ftest] durations: sync 1 %.2fs, sync 2 %.2fs; elastic-ingest peak RSS %.1f MiB / %.1f MiB\n",
              first.wall_seconds, second.wall_seconds, first.service_exit.max_rss_kib / 1024.0,
              second.service_exit.max_rss_kib / 1024.0);
  std::printf("[ftest] PASS\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  InterruptWatcher interrupts;
  try {
    return run(options, interrupts.token());
  } catch (const core::StopRequested&) {
    std::fprintf(stderr, "[ftest] interrupted\n");
    return 130;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "[ftest] FAIL: %s\n", e.what());
    return 1;
  }
}
