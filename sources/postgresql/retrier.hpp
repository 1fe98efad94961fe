#pragma once
// Elastic's @retryable(retries=retry_count, interval=2, EXPONENTIAL_BACKOFF) around every
// PostgreSQL operation: `attempts` tries in all, sleeping 2^n seconds after failed try n
// (2 s, 4 s, ...), through the injected Clock so tests do not wait. Permanent errors
// (PgError::permanent(): bad password, missing table, syntax...) are not retried; upstream
// skips ProgrammingError the same way.

#include <functional>
#include <stop_token>
#include <string_view>

#include "core/backoff.hpp"
#include "core/clock.hpp"

namespace connectors::sources::postgresql {

class Retrier {
 public:
  Retrier(core::Clock& clock, int attempts);

  // Runs `operation` until it succeeds, throws a permanent error, or runs out of attempts
  // (the last error propagates). `may_retry` can veto a retry (e.g. once documents were
  // emitted). Only PgError is retried; anything else propagates at once.
  // Throws core::StopRequested when `stop` fires during a wait.
  void run(std::string_view what, std::stop_token stop, const std::function<void()>& operation,
           const std::function<bool()>& may_retry = {});

  int attempts() const { return attempts_; }

 private:
  core::Clock& clock_;
  int attempts_;
  core::Backoff backoff_;
};

}  // namespace connectors::sources::postgresql
