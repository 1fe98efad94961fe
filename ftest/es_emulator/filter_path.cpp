#include "ftest/es_emulator/filter_path.hpp"

#include <vector>

#include <boost/json.hpp>

#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

using Pattern = std::vector<std::string>;

struct State {
  const Pattern* pattern;
  std::size_t position;
};

Pattern split_dots(std::string_view text) {
  Pattern out;
  while (true) {
    const auto dot = text.find('.');
    out.emplace_back(text.substr(0, dot));
    if (dot == std::string_view::npos) break;
    text = text.substr(dot + 1);
  }
  return out;
}

// States after consuming `key`; sets `full` when some pattern is complete.
std::vector<State> advance(const std::vector<State>& states, std::string_view key, bool& full) {
  std::vector<State> next;
  std::vector<State> work = states;
  // '**' may match zero levels: expand first.
  for (std::size_t i = 0; i < work.size(); ++i) {
    const State s = work[i];
    if (s.position < s.pattern->size() && (*s.pattern)[s.position] == "**") {
      work.push_back(State{s.pattern, s.position + 1});
    }
  }
  for (const State& s : work) {
    if (s.position >= s.pattern->size()) continue;
    const std::string& segment = (*s.pattern)[s.position];
    if (segment == "**") {
      next.push_back(s);  // consume this level, stay
      continue;
    }
    if (wildcard_match(segment, key)) {
      if (s.position + 1 == s.pattern->size()) {
        full = true;
      } else {
        next.push_back(State{s.pattern, s.position + 1});
      }
    }
  }
  return next;
}

// Include filtering: returns whether anything is kept.
bool include(json::value& value, const std::vector<State>& states) {
  if (value.is_array()) {
    json::array kept;
    for (auto& element : value.get_array()) {
      if (element.is_object() || element.is_array()) {
        if (include(element, states)) kept.push_back(std::move(element));
      }
    }
    value = std::move(kept);
    return !value.get_array().empty();
  }
  if (!value.is_object()) return false;
  json::object kept;
  for (auto& member : value.get_object()) {
    bool full = false;
    const auto next = advance(states, member.key(), full);
    if (full) {
      kept.emplace(member.key(), std::move(member.value()));
    } else if (!next.empty() && include(member.value(), next)) {
      kept.emplace(member.key(), std::move(member.value()));
    }
  }
  value = std::move(kept);
  return !value.get_object().empty();
}

void exclude(json::value& value, const std::vector<State>& states) {
  if (value.is_array()) {
    for (auto& element : value.get_array()) exclude(element, states);
    return;
  }
  if (!value.is_object()) return;
  json::object kept;
  for (auto& member : value.get_object()) {
    bool full = false;
    const auto next = advance(states, member.key(), full);
    if (full) continue;
    if (!next.empty()) exclude(member.value(), next);
    kept.emplace(member.key(), std::move(member.value()));
  }
  value = std::move(kept);
}

}  // namespace

std::string apply_filter_path(std::string_view text, std::string_view filter_path) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) return std::string(text);
  std::vector<Pattern> includes, excludes;
  while (!filter_path.empty()) {
    const auto comma = filter_path.find(',');
    std::string_view item = filter_path.substr(0, comma);
    if (!item.empty()) {
      if (item[0] == '-') {
        excludes.push_back(split_dots(item.substr(1)));
      } else {
        includes.push_back(split_dots(item));
      }
    }
    if (comma == std::string_view::npos) break;
    filter_path = filter_path.substr(comma + 1);
  }
  if (!includes.empty()) {
    std::vector<State> states;
    for (const auto& p : includes) states.push_back(State{&p, 0});
    if (!include(value, states)) value = json::object{};
  }
  if (!excludes.empty()) {
    std::vector<State> states;
    for (const auto& p : excludes) states.push_back(State{&p, 0});
    exclude(value, states);
  }
  return to_json(value);
}

}  // namespace connectors::emulator
