#include "core/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace connectors::core {

Backoff Backoff::linear(std::chrono::milliseconds interval, std::chrono::milliseconds max_delay) {
  return Backoff{Shape::kLinear, interval, 1.0, max_delay};
}

Backoff Backoff::exponential(std::chrono::milliseconds initial, double multiplier,
                             std::chrono::milliseconds max_delay) {
  return Backoff{Shape::kExponential, initial, multiplier, max_delay};
}

std::chrono::milliseconds Backoff::delay(int attempt) const {
  attempt = std::max(attempt, 1);
  double ms = 0;
  if (shape == Shape::kLinear) {
    ms = static_cast<double>(initial.count()) * attempt;
  } else {
    ms = static_cast<double>(initial.count()) * std::pow(multiplier, attempt - 1);
  }
  // Compare as doubles first: a large attempt must not overflow the integer cast.
  ms = std::min(ms, static_cast<double>(max_delay.count()));
  return std::chrono::milliseconds{static_cast<long long>(ms)};
}

}  // namespace connectors::core
