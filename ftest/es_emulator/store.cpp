#include "ftest/es_emulator/store.hpp"

#include <algorithm>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/index_name.hpp"
#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {

bool wildcard_match(std::string_view pattern, std::string_view text) {
  // Iterative glob with backtracking to the last '*'.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

IndicesOptions IndicesOptions::from_params(const Params& params, IndicesOptions defaults) {
  IndicesOptions options = defaults;
  options.ignore_unavailable = params.get_bool("ignore_unavailable", defaults.ignore_unavailable);
  options.allow_no_indices = params.get_bool("allow_no_indices", defaults.allow_no_indices);
  if (params.has("expand_wildcards")) {
    options.expand_open = false;
    options.expand_hidden = false;
    for (const auto& value : params.get_list("expand_wildcards")) {
      if (value == "open") {
        options.expand_open = true;
      } else if (value == "hidden") {
        options.expand_hidden = true;
      } else if (value == "all") {
        options.expand_open = true;
        options.expand_hidden = true;
      } else if (value == "closed" || value == "none") {
        // No closed indices here.
      } else {
        throw bad_request(
            "No enum constant org.elasticsearch.action.support.IndicesOptions.WildcardStates." +
            value);
      }
    }
  }
  return options;
}

IndicesOptions IndicesOptions::from_params(const Params& params) {
  return from_params(params, IndicesOptions{});
}

Store::Store(const core::Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}

namespace {

// Flattens {"index":{"number_of_shards":1}} and {"index.number_of_shards":"1"} alike into
// {"index.number_of_shards":"1"}; values become strings as in GET /{index}/_settings.
void flatten_settings(const boost::json::object& object, const std::string& prefix,
                      boost::json::object& out) {
  for (const auto& member : object) {
    std::string key =
        prefix.empty() ? std::string(member.key()) : prefix + "." + std::string(member.key());
    if (member.value().is_object()) {
      flatten_settings(member.value().get_object(), key, out);
      continue;
    }
    if (key.rfind("index.", 0) != 0) key = "index." + key;
    if (member.value().is_string()) {
      out[key] = member.value().get_string();
    } else if (member.value().is_array()) {
      out[key] = to_json(member.value());
    } else {
      std::string text = to_json(member.value());
      out[key] = text;
    }
  }
}

std::optional<std::string_view> system_alias_for(std::string_view index) {
  if (index == kConnectorsIndex) return kConnectorsAlias;
  if (index == kSyncJobsIndex) return kSyncJobsAlias;
  return std::nullopt;
}

}  // namespace

std::shared_ptr<Index> Store::create_locked(std::string_view name,
                                            const boost::json::object& body) {
  validate_new_index_name(name);
  if (const auto it = indices_.find(name); it != indices_.end()) {
    const auto& existing = it->second;
    EsError error(400, "resource_already_exists_exception",
                  "index [" + existing->name() + "/" + existing->uuid() + "] already exists");
    error.with("index_uuid", existing->uuid()).with("index", existing->name());
    throw error;
  }
  if (aliases_.count(name) != 0) {
    EsError error(400, "invalid_index_name_exception",
                  "Invalid index name [" + std::string(name) + "], already exists as alias");
    error.with("index_uuid", "_na_").with("index", std::string(name));
    throw error;
  }
  for (const auto& member : body) {
    if (member.key() != "settings" && member.key() != "mappings" && member.key() != "aliases") {
      throw EsError(400, "parse_exception",
                    "unknown key [" + std::string(member.key()) + "] for create index");
    }
    if (!member.value().is_object()) {
      throw parse_error("[" + std::string(member.key()) + "] must be an object");
    }
  }
  boost::json::object settings;
  if (const auto* s = body.if_contains("settings")) flatten_settings(s->get_object(), "", settings);
  const auto system_alias = system_alias_for(name);
  if (system_alias) settings["index.hidden"] = "true";
  if (!settings.contains("index.number_of_shards")) settings["index.number_of_shards"] = "1";
  if (!settings.contains("index.number_of_replicas")) {
    settings["index.number_of_replicas"] = system_alias ? "0" : "1";
  }
  boost::json::object mappings;
  if (const auto* m = body.if_contains("mappings")) mappings = m->get_object();

  auto index = std::make_shared<Index>(std::string(name), ids_.uuid(), clock_.now(),
                                       std::move(settings), std::move(mappings));
  indices_.emplace(std::string(name), index);
  if (system_alias) aliases_[std::string(*system_alias)].push_back(std::string(name));
  if (const auto* a = body.if_contains("aliases")) {
    for (const auto& member : a->get_object()) {
      if (const auto problem = index_name_problem(member.key(), false)) {
        EsError error(400, "invalid_alias_name_exception",
                      "Invalid alias name [" + std::string(member.key()) + "]: " + *problem);
        throw error;
      }
      auto& targets = aliases_[std::string(member.key())];
      if (std::find(targets.begin(), targets.end(), name) == targets.end()) {
        targets.push_back(std::string(name));
      }
    }
  }
  return index;
}

std::shared_ptr<Index> Store::create_index(std::string_view name, const boost::json::object& body) {
  std::lock_guard lock(mutex_);
  return create_locked(name, body);
}

void Store::delete_index(std::string_view name) {
  std::lock_guard lock(mutex_);
  const auto it = indices_.find(name);
  if (it == indices_.end()) {
    if (aliases_.count(name) != 0) {
      throw bad_request("The provided expression [" + std::string(name) +
                        "] matches an alias, specify the corresponding concrete indices instead.");
    }
    throw index_not_found(name);
  }
  indices_.erase(it);
  for (auto a = aliases_.begin(); a != aliases_.end();) {
    auto& targets = a->second;
    targets.erase(std::remove(targets.begin(), targets.end(), name), targets.end());
    a = targets.empty() ? aliases_.erase(a) : std::next(a);
  }
}

std::shared_ptr<Index> Store::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  if (const auto it = indices_.find(name); it != indices_.end()) return it->second;
  if (const auto a = aliases_.find(name); a != aliases_.end() && a->second.size() == 1) {
    if (const auto it = indices_.find(a->second.front()); it != indices_.end()) return it->second;
  }
  return nullptr;
}

std::shared_ptr<Index> Store::index_for_write(std::string_view name) {
  std::lock_guard lock(mutex_);
  if (const auto it = indices_.find(name); it != indices_.end()) return it->second;
  if (const auto a = aliases_.find(name); a != aliases_.end()) {
    if (a->second.size() != 1) {
      throw bad_request(
          "no write index is defined for alias [" + std::string(name) +
          "]. The write index may be explicitly disabled using is_write_index=false or "
          "the alias points to multiple indices without one being designated as a "
          "write index");
    }
    return indices_.at(a->second.front());
  }
  if (name == kConnectorsAlias) return create_locked(kConnectorsIndex, {});
  if (name == kSyncJobsAlias) return create_locked(kSyncJobsIndex, {});
  return create_locked(name, {});
}

std::vector<std::shared_ptr<Index>> Store::resolve(std::string_view expression,
                                                   const IndicesOptions& options) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  auto add = [&names](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  auto visible_to_wildcard = [&](const std::string& index, std::string_view pattern) {
    const bool hidden = indices_.at(index)->hidden();
    if (!hidden) return options.expand_open;
    return options.expand_hidden || (!pattern.empty() && pattern[0] == '.' && index[0] == '.');
  };

  if (expression.empty() || expression == "_all") {
    for (const auto& [name, index] : indices_) {
      if (visible_to_wildcard(name, "")) add(name);
    }
  } else {
    bool saw_wildcard = false;
    std::string_view rest = expression;
    while (true) {
      const auto comma = rest.find(',');
      const std::string_view part = rest.substr(0, comma);
      if (!part.empty()) {
        if (part[0] == '-' && saw_wildcard) {
          const std::string_view pattern = part.substr(1);
          names.erase(
              std::remove_if(names.begin(), names.end(),
                             [&](const std::string& n) { return wildcard_match(pattern, n); }),
              names.end());
        } else if (part.find('*') != std::string_view::npos) {
          saw_wildcard = true;
          for (const auto& [name, index] : indices_) {
            if (wildcard_match(part, name) && visible_to_wildcard(name, part)) add(name);
          }
          for (const auto& [alias, targets] : aliases_) {
            if (!wildcard_match(part, alias)) continue;
            for (const auto& target : targets) {
              if (visible_to_wildcard(target, part)) add(target);
            }
          }
        } else if (part == "_all") {
          for (const auto& [name, index] : indices_) {
            if (visible_to_wildcard(name, "")) add(name);
          }
        } else if (indices_.count(part) != 0) {
          add(std::string(part));
        } else if (const auto a = aliases_.find(part); a != aliases_.end()) {
          for (const auto& target : a->second) add(target);
        } else if (!options.ignore_unavailable) {
          throw index_not_found(part);
        }
      }
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  if (names.empty() && !options.allow_no_indices) {
    throw index_not_found(expression.empty() ? std::string_view("_all") : expression);
  }
  std::vector<std::shared_ptr<Index>> result;
  result.reserve(names.size());
  for (const auto& name : names) result.push_back(indices_.at(name));
  return result;
}

std::vector<std::string> Store::aliases_of(std::string_view index) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> result;
  for (const auto& [alias, targets] : aliases_) {
    if (std::find(targets.begin(), targets.end(), index) != targets.end()) result.push_back(alias);
  }
  return result;
}

void Store::clear() {
  std::lock_guard lock(mutex_);
  indices_.clear();
  aliases_.clear();
}

}  // namespace connectors::emulator
