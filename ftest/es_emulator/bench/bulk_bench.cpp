// es-emulator-bench: how fast es-emulator ingests _bulk, and what stored documents cost.
//
//   es-emulator-bench [--docs 1000000] [--batch 1000] [--doc-bytes 300] [--mode router|http]
//                     [--clients 2] [--emulator PATH]
//
// Documents look like the connector's (an id, a timestamp, a title, a text body and the
// three _extract_binary_content/_reduce_whitespace/_run_ml_inference flags), ~300 bytes of
// source each, unique ids, the same content on every run (fixed seed). Each run ingests them
// twice into fresh indices: once with no pipeline, once with
// ?pipeline=search-default-ingestion, as the connector sends them.
//
//   router  (default) one thread drives es-emulator's REST layer (Router::handle) with
//           ready-made _bulk bodies: documents per second of one core, with the CPU time
//           of that thread; then the stored bytes per source byte (Index::memory_bytes) of
//           what it ingested.
//   http    starts the es-emulator binary with --threads 1 and sends the bodies over
//           --clients keep-alive connections: documents per second end to end, and per
//           second of the server's own CPU time (from /proc), and its resident-set growth.
//
// A benchmark, not a test: it prints figures and asserts nothing. docs/es-emulator.md has
// the figures and the command.

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "ftest/es_emulator/cluster.hpp"
#include "ftest/es_emulator/router.hpp"
#include "ftest/es_emulator/testing/http_test_client.hpp"
#include "ftest/harness/child_process.hpp"

namespace {

using namespace connectors;
using Clock = std::chrono::steady_clock;

struct Options {
  std::size_t docs = 1'000'000;
  std::size_t batch = 1000;
  std::size_t doc_bytes = 300;
  std::string mode = "router";
  int clients = 2;
  std::string emulator = CONNECTORS_ES_EMULATOR_PATH;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr
      << "es-emulator-bench: " << problem << "\n"
      << "usage: es-emulator-bench [--docs N] [--batch N] [--doc-bytes N] [--mode router|http]\n"
      << "                         [--clients N] [--emulator PATH]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    auto number = [&]() -> std::size_t {
      try {
        return std::stoul(value());
      } catch (const std::exception&) {
        usage(arg + " needs a number");
      }
    };
    if (arg == "--docs") {
      o.docs = number();
    } else if (arg == "--batch") {
      o.batch = number();
    } else if (arg == "--doc-bytes") {
      o.doc_bytes = number();
    } else if (arg == "--mode") {
      o.mode = value();
      if (o.mode != "router" && o.mode != "http") usage("--mode is router or http");
    } else if (arg == "--clients") {
      o.clients = static_cast<int>(number());
    } else if (arg == "--emulator") {
      o.emulator = value();
    } else {
      usage("unknown option '" + arg + "'");
    }
  }
  if (o.docs == 0 || o.batch == 0 || o.clients < 1) usage("counts must be positive");
  return o;
}

// One connector-like document of about `target` bytes.
std::string document(std::size_t n, std::size_t target, std::mt19937_64& random) {
  static const char* kWords[] = {"lorem",      "ipsum", "dolor",  "sit", "amet",    "consectetur",
                                 "adipiscing", "elit",  "sed",    "do",  "eiusmod", "tempor",
                                 "incididunt", "ut",    "labore", "et",  "dolore",  "magna"};
  char head[160];
  std::snprintf(
      head, sizeof head,
      "{\"id\":\"doc-%09zu\",\"_timestamp\":\"2024-05-%02zuT10:%02zu:%02zu.123456+00:00\","
      "\"title\":\"Document %zu\",\"body\":\"",
      n, 1 + n % 28, n % 60, (n / 60) % 60, n);
  std::string doc = head;
  const std::string tail =
      "\",\"_extract_binary_content\":true,\"_reduce_whitespace\":true,\"_run_ml_inference\":"
      "false}";
  while (doc.size() + tail.size() < target) {
    doc += kWords[random() % (sizeof kWords / sizeof *kWords)];
    doc += ' ';
  }
  doc += "end";
  doc += tail;
  return doc;
}

struct Corpus {
  std::vector<std::string> bodies;  // _bulk bodies
  std::size_t source_bytes = 0;     // the documents' source lines
  std::size_t docs = 0;
};

Corpus build_corpus(const Options& o, const std::string& index) {
  Corpus corpus;
  std::mt19937_64 random(42);
  std::string body;
  for (std::size_t n = 0; n < o.docs; ++n) {
    const std::string doc = document(n, o.doc_bytes, random);
    char action[96];
    std::snprintf(action, sizeof action, "{\"index\":{\"_index\":\"%s\",\"_id\":\"%zu\"}}\n",
                  index.c_str(), n);
    body += action;
    body += doc;
    body += '\n';
    corpus.source_bytes += doc.size();
    ++corpus.docs;
    if ((n + 1) % o.batch == 0 || n + 1 == o.docs) {
      corpus.bodies.push_back(std::move(body));
      body.clear();
    }
  }
  return corpus;
}

double thread_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// Resident set size of a process, in bytes ("self" or a pid).
std::size_t rss_bytes(const std::string& pid) {
  std::ifstream status("/proc/" + pid + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6)) * 1024;
  }
  return 0;
}

// utime + stime of a process, from /proc/<pid>/stat.
double process_cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string field;
  unsigned long utime = 0;
  unsigned long stime = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// `rss_growth` nullopt: not measured (in router mode the second run reuses the memory the
// first one freed, so the process's growth says nothing).
void print_row(const char* label, const Corpus& corpus, double seconds, double cpu_seconds,
               std::size_t stored_bytes, std::optional<std::size_t> rss_growth) {
  const double docs = static_cast<double>(corpus.docs);
  const double source = static_cast<double>(corpus.source_bytes);
  std::printf("%-22s %8zu docs  %8.0f docs/s  %8.0f docs/cpu-s  stored/source %.2f", label,
              corpus.docs, docs / seconds, docs / cpu_seconds,
              static_cast<double>(stored_bytes) / source);
  if (rss_growth) std::printf("  rss/source %.2f", static_cast<double>(*rss_growth) / source);
  std::printf("\n");
}

void run_router(const Options& o, const std::string& pipeline) {
  core::SystemClock clock;
  emulator::Cluster cluster(clock, emulator::ClusterConfig{}, 7);
  emulator::Router router(cluster);
  const std::string index = pipeline.empty() ? "bench-plain" : "bench-piped";
  Corpus corpus = build_corpus(o, index);
  const std::string target =
      "/_bulk" + (pipeline.empty() ? std::string() : "?pipeline=" + pipeline);
  const double cpu_before = thread_cpu_seconds();
  const auto started = Clock::now();
  for (auto& body : corpus.bodies) {
    emulator::Request request = emulator::Request::make(emulator::Method::Post, target,
                                                        std::move(body), "application/x-ndjson");
    const emulator::Response response = router.handle(request);
    if (response.status != 200 || response.body.find("\"errors\":false") == std::string::npos) {
      std::cerr << "bulk failed: " << response.status << " " << response.body.substr(0, 400)
                << "\n";
      std::exit(1);
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const double cpu = thread_cpu_seconds() - cpu_before;
  const auto stored = cluster.store().find(index)->memory_bytes();
  print_row(pipeline.empty() ? "router, no pipeline" : "router, pipeline", corpus, seconds, cpu,
            stored, std::nullopt);
}

void run_http(const Options& o, const std::string& pipeline) {
  ftest::TempDir temp("es-emulator-bench");
  ftest::ChildProcess server =
      ftest::ChildProcess::spawn({.argv = {o.emulator, "--port", "0", "--threads", "1"},
                                  .capture_stdout = true,
                                  .stderr_file = temp.path() + "/es-emulator.log"});
  const auto line = server.read_line(std::chrono::seconds{30});
  const std::string prefix = "listening on http://127.0.0.1:";
  if (!line || line->rfind(prefix, 0) != 0) {
    std::cerr << "es-emulator did not start\n";
    std::exit(1);
  }
  const auto port = static_cast<unsigned short>(std::stoi(line->substr(prefix.size())));
  const std::string pid = std::to_string(server.pid());
  const std::string index = pipeline.empty() ? "bench-plain" : "bench-piped";
  Corpus corpus = build_corpus(o, index);
  const std::string target =
      "/_bulk" + (pipeline.empty() ? std::string() : "?pipeline=" + pipeline);
  const std::size_t rss_before = rss_bytes(pid);
  const double cpu_before = process_cpu_seconds(server.pid());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  const auto started = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < o.clients; ++c) {
    clients.emplace_back([&] {
      emulator::testing::HttpTestClient client("127.0.0.1", port, std::chrono::seconds{60});
      for (std::size_t i = next++; i < corpus.bodies.size(); i = next++) {
        const auto result =
            client.request("POST", target, corpus.bodies[i], "application/x-ndjson");
        if (result.status != 200 || result.body.find("\"errors\":false") == std::string::npos)
          failed = true;
      }
    });
  }
  for (auto& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const double cpu = process_cpu_seconds(server.pid()) - cpu_before;
  const std::size_t rss_after = rss_bytes(pid);
  if (failed) {
    std::cerr << "some _bulk requests failed\n";
    std::exit(1);
  }
  emulator::testing::HttpTestClient client("127.0.0.1", port);
  const auto stats = client.request("GET", "/_emulator/stats");
  const auto parsed = boost::json::parse(stats.body);
  const auto stored = parsed.at("indices").at(index).at("memory_bytes").to_number<std::size_t>();
  print_row(pipeline.empty() ? "http, no pipeline" : "http, pipeline", corpus, seconds, cpu, stored,
            rss_after > rss_before ? rss_after - rss_before : 0);
  server.stop();
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::printf("es-emulator _bulk: %zu documents of ~%zu bytes, %zu per request, mode %s\n", o.docs,
              o.doc_bytes, o.batch, o.mode.c_str());
  for (const std::string& pipeline : {std::string(), std::string("search-default-ingestion")}) {
    if (o.mode == "router") {
      run_router(o, pipeline);
    } else {
      run_http(o, pipeline);
    }
  }
  return 0;
}
