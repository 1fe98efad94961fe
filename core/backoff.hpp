#pragma once
// How long to wait before retry attempt n. Pure: no clock, no sleeping.
//
// Elastic's service uses two shapes, and so do we:
//   linear       interval * n                 (the framework retrier: 10 s, 20 s, 30 s, ...)
//   exponential  initial * multiplier^(n-1)   (the start-up wait: 1 s, 2 s, 4 s, ...)
// both capped at `max_delay`.

#include <chrono>

namespace connectors::core {

struct Backoff {
  enum class Shape { kLinear, kExponential };

  Shape shape = Shape::kExponential;
  std::chrono::milliseconds initial{1000};
  double multiplier = 2.0;  // exponential only
  std::chrono::milliseconds max_delay{std::chrono::minutes{5}};

  static Backoff linear(std::chrono::milliseconds interval,
                        std::chrono::milliseconds max_delay = std::chrono::minutes{5});
  static Backoff exponential(std::chrono::milliseconds initial, double multiplier,
                             std::chrono::milliseconds max_delay = std::chrono::minutes{5});

  // Delay before retry `attempt`, counted from 1 (the first retry).
  std::chrono::milliseconds delay(int attempt) const;
};

}  // namespace connectors::core
