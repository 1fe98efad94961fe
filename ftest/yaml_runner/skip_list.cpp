#include "ftest/yaml_runner/skip_list.hpp"

#include <fstream>
#include <sstream>
#include <vector>

namespace connectors::yaml_runner {
namespace {

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

}  // namespace

SkipList SkipList::parse(const std::string& text, const std::string& origin) {
  SkipList list;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string content = trim(line);
    if (content.empty() || content[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      const auto sep = content.find("::", start);
      fields.push_back(
          trim(content.substr(start, sep == std::string::npos ? std::string::npos : sep - start)));
      if (sep == std::string::npos) break;
      start = sep + 2;
    }
    if (fields.size() != 3 || fields[0].empty() || fields[1].empty() || fields[2].empty()) {
      throw core::Error("SkipListError", origin + ":" + std::to_string(number) +
                                             ": expected 'file :: test name :: reason'");
    }
    list.entries_[{fields[0], fields[1]}] = fields[2];
  }
  return list;
}

SkipList SkipList::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

std::optional<std::string> SkipList::reason(const std::string& file,
                                            const std::string& test) const {
  const auto it = entries_.find({file, test});
  if (it == entries_.end()) return std::nullopt;
  used_.insert(it->first);
  return it->second;
}

std::set<std::string> SkipList::unused() const {
  std::set<std::string> out;
  for (const auto& [key, reason] : entries_) {
    if (!used_.count(key)) out.insert(key.first + " :: " + key.second);
  }
  return out;
}

}  // namespace connectors::yaml_runner
