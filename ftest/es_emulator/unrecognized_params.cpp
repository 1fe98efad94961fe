#include "ftest/es_emulator/unrecognized_params.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace connectors::emulator {

float levenshtein_similarity(std::string_view target, std::string_view other) {
  const std::size_t n = target.size();
  const std::size_t m = other.size();
  if (n == 0 || m == 0) return n == m ? 1.0f : 0.0f;
  std::vector<std::size_t> previous(n + 1);
  std::vector<std::size_t> current(n + 1);
  for (std::size_t i = 0; i <= n; ++i) previous[i] = i;
  for (std::size_t j = 1; j <= m; ++j) {
    current[0] = j;
    for (std::size_t i = 1; i <= n; ++i) {
      const std::size_t cost = target[i - 1] == other[j - 1] ? 0 : 1;
      current[i] = std::min({current[i - 1] + 1, previous[i] + 1, previous[i - 1] + cost});
    }
    std::swap(previous, current);
  }
  return 1.0f - static_cast<float>(previous[n]) / static_cast<float>(std::max(n, m));
}

std::optional<EsError> unrecognized_params(std::string_view path, const Params& given,
                                           std::span<const std::string_view> accepted,
                                           std::span<const std::string_view> common) {
  const auto known = [&](std::string_view name) {
    return std::find(accepted.begin(), accepted.end(), name) != accepted.end() ||
           std::find(common.begin(), common.end(), name) != common.end();
  };
  std::set<std::string> unknown;  // sorted, as Elasticsearch's TreeSet
  for (const auto& [name, value] : given.all()) {
    if (!known(name)) unknown.insert(name);
  }
  if (unknown.empty()) return std::nullopt;

  std::set<std::string_view> candidates(accepted.begin(), accepted.end());
  candidates.insert(common.begin(), common.end());
  std::string message = "request [" + std::string(path) + "] contains unrecognized parameter" +
                        (unknown.size() > 1 ? "s" : "") + ": ";
  bool first = true;
  for (const auto& name : unknown) {
    std::vector<std::pair<float, std::string_view>> scored;
    for (const auto candidate : candidates) {
      const float similarity = levenshtein_similarity(name, candidate);
      if (similarity > 0.5f) scored.emplace_back(similarity, candidate);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return a.second < b.second;
    });
    if (!first) message += ", ";
    first = false;
    message += "[" + name + "]";
    if (scored.size() == 1) {
      message += " -> did you mean [" + std::string(scored[0].second) + "]?";
    } else if (!scored.empty()) {
      message += " -> did you mean any of [";
      for (std::size_t i = 0; i < scored.size(); ++i) {
        if (i > 0) message += ", ";
        message += scored[i].second;
      }
      message += "]?";
    }
  }
  return bad_request(std::move(message));
}

}  // namespace connectors::emulator
