#pragma once
// Faults on demand, for reliability tests: es-emulator answers some requests (or _bulk
// items) badly, chosen by share or count, from a seeded PRNG so that a run repeats.
//
//   PUT /_emulator/faults {"seed":7,"faults":[{fault}, ...]} --> FaultInjector
//   request --plan(info)--> FaultPlan{status | close | stop, latency}   (router, http shell)
//   bulk item --reject_item(info)--> 429 es_rejected_execution_exception (bulk)
//
// A fault:
//   kind        status | reject_items | latency | close_before_response |
//               close_mid_response | stop_answering
//   status      for `status`: the HTTP status (429 -> es_rejected_execution_exception,
//               503 -> unavailable_shards_exception, others -> status_exception)
//   latency_ms  for `latency`: how long the answer is held back (the request is handled
//               first); for `stop_answering`, how long the connection hangs (default: the
//               idle timeout) before it is closed unanswered
//   scope       {path: glob on the path, method: "POST", endpoint: "bulk"} (all optional,
//               all must match); /_emulator/* is never faulted
//   share       0..1 (default 1): the chance for each matching request (or item)
//   count       at most this many times (default: no limit)
//   seed        this fault's PRNG seed (default: the request's seed plus its position)
//
// Every matching request (or item) draws from its fault's own PRNG, so a fault's draws
// depend only on the sequence of requests it matches. When several faults draw a hit on
// one request, latencies add up and the first of the others in list order decides the
// answer; only the faults that applied count against their `count`. Thread-safe.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/rest_types.hpp"

namespace connectors::emulator {

enum class FaultKind {
  Status,
  RejectItems,
  Latency,
  CloseBeforeResponse,
  CloseMidResponse,
  StopAnswering
};

struct FaultScope {
  std::optional<std::string> path;  // glob with '*', on the request path without the query
  std::optional<Method> method;
  std::optional<std::string> endpoint;  // API name from api_catalog, e.g. "bulk"
};

struct FaultRule {
  FaultKind kind = FaultKind::Status;
  unsigned status = 429;
  std::optional<std::chrono::milliseconds> latency;
  FaultScope scope;
  double share = 1.0;
  std::optional<std::uint64_t> count;
  std::uint64_t seed = 0;
};

// What the request is, for scope matching.
struct FaultTarget {
  Method method = Method::Get;
  std::string_view path;
  std::string_view endpoint;
};

// How to answer a request.
struct FaultPlan {
  enum class Action { None, Status, CloseBeforeResponse, CloseMidResponse, StopAnswering };
  Action action = Action::None;
  unsigned status = 0;
  std::chrono::milliseconds latency{0};
  std::optional<std::chrono::milliseconds> hang;  // StopAnswering: how long; nullopt: idle timeout
};

class FaultInjector {
 public:
  // Replaces every fault. `body` is {"seed": n, "faults": [...]} or a single fault object.
  // Throws EsError 400 naming the field for anything malformed.
  void replace(const boost::json::value& body);
  // Adds one fault; returns its position.
  std::size_t add(const boost::json::value& fault);
  void clear();
  // {"seed":..,"faults":[{...,"matched":n,"fired":n,"remaining":n|null}]}
  boost::json::object describe() const;
  bool active() const;

  FaultPlan plan(const FaultTarget& target);
  // For one _bulk item: its rejection by a reject_items fault, if any.
  std::optional<EsError> reject_item(const FaultTarget& target, std::string_view index);

  // The error a `status` fault answers with.
  static EsError status_error(unsigned status, std::string_view path);

 private:
  struct Active {
    FaultRule rule;
    std::mt19937_64 random;
    std::uint64_t matched = 0;
    std::uint64_t fired = 0;
  };

  static FaultRule parse_rule(const boost::json::value& fault, std::uint64_t default_seed);
  static bool in_scope(const FaultRule& rule, const FaultTarget& target);
  // Draws for a matching request or item; true when the fault would fire (share hit and
  // count not used up). The caller counts it as fired when it applies it.
  static bool draw(Active& fault);

  mutable std::mutex mutex_;
  std::uint64_t seed_ = 0;
  std::vector<Active> faults_;
};

std::string_view fault_kind_name(FaultKind kind);

}  // namespace connectors::emulator
