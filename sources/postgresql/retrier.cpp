#include "sources/postgresql/retrier.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql {

Retrier::Retrier(core::Clock& clock, int attempts)
    : clock_(clock),
      attempts_(std::max(attempts, 1)),
      backoff_(core::Backoff::exponential(std::chrono::seconds{2}, 2.0)) {}

void Retrier::run(std::string_view what, std::stop_token stop, const std::function<void()>& operation,
                  const std::function<bool()>& may_retry) {
  for (int attempt = 1;; ++attempt) {
    try {
      operation();
      return;
    } catch (const PgError& error) {
      if (error.permanent() || attempt >= attempts_ || (may_retry && !may_retry())) throw;
      const auto delay = backoff_.delay(attempt);
      spdlog::warn("Retrying ({} of {}) in {} s after an error while {}: {}", attempt, attempts_,
                   std::chrono::duration_cast<std::chrono::seconds>(delay).count(), what,
                   error.describe());
      if (!clock_.sleep_for(delay, stop)) throw core::StopRequested();
    }
  }
}

}  // namespace connectors::sources::postgresql
