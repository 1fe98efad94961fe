#include "ftest/es_emulator/source_filter.hpp"

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

std::vector<std::string> string_list(const json::value& v, std::string_view what) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.emplace_back(v.get_string());
  } else if (v.is_array()) {
    for (const auto& element : v.get_array()) {
      if (!element.is_string())
        throw parsing_exception("[_source] " + std::string(what) + " must be strings");
      out.emplace_back(element.get_string());
    }
  } else {
    throw parsing_exception("[_source] " + std::string(what) +
                            " must be a string or an array of strings");
  }
  return out;
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    if (comma != 0) out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text = text.substr(comma + 1);
  }
  return out;
}

bool any_match(const std::vector<std::string>& patterns, std::string_view path) {
  for (const auto& p : patterns) {
    if (wildcard_match(p, path)) return true;
  }
  return false;
}

bool could_match_below(const std::vector<std::string>& patterns, std::string_view path) {
  for (const auto& p : patterns) {
    if (p.find('*') != std::string::npos) return true;
    if (p.size() > path.size() && p.compare(0, path.size(), path) == 0 && p[path.size()] == '.')
      return true;
  }
  return false;
}

json::value filter_value(const json::value& value, const std::string& path,
                         const std::vector<std::string>& includes,
                         const std::vector<std::string>& excludes, bool included, bool& keep);

json::object filter_object(const json::object& object, const std::string& prefix,
                           const std::vector<std::string>& includes,
                           const std::vector<std::string>& excludes, bool included) {
  json::object out;
  for (const auto& member : object) {
    const std::string path =
        prefix.empty() ? std::string(member.key()) : prefix + "." + std::string(member.key());
    if (any_match(excludes, path)) continue;
    bool keep = false;
    json::value filtered =
        filter_value(member.value(), path, includes, excludes,
                     included || includes.empty() || any_match(includes, path), keep);
    if (keep) out.emplace(member.key(), std::move(filtered));
  }
  return out;
}

json::value filter_value(const json::value& value, const std::string& path,
                         const std::vector<std::string>& includes,
                         const std::vector<std::string>& excludes, bool included, bool& keep) {
  if (included && excludes.empty()) {
    keep = true;
    return value;
  }
  if (value.is_object()) {
    if (!included && !could_match_below(includes, path)) return nullptr;
    json::object child = filter_object(value.get_object(), path, includes, excludes, included);
    keep = included || !child.empty();
    return child;
  }
  if (value.is_array()) {
    if (!included && !could_match_below(includes, path)) return nullptr;
    json::array out;
    for (const auto& element : value.get_array()) {
      if (element.is_object()) {
        json::object child =
            filter_object(element.get_object(), path, includes, excludes, included);
        if (included || !child.empty()) out.emplace_back(std::move(child));
      } else if (included) {
        out.push_back(element);
      }
    }
    keep = included || !out.empty();
    return out;
  }
  keep = included;
  return value;
}

}  // namespace

SourceFilter SourceFilter::none() {
  SourceFilter f;
  f.fetch_ = false;
  return f;
}

SourceFilter SourceFilter::from_body(const json::value& spec) {
  SourceFilter f;
  if (spec.is_bool()) {
    f.fetch_ = spec.get_bool();
  } else if (spec.is_string() || spec.is_array()) {
    f.includes_ = string_list(spec, "includes");
  } else if (spec.is_object()) {
    for (const auto& member : spec.get_object()) {
      if (member.key() == "includes" || member.key() == "include") {
        f.includes_ = string_list(member.value(), "includes");
      } else if (member.key() == "excludes" || member.key() == "exclude") {
        f.excludes_ = string_list(member.value(), "excludes");
      } else {
        throw parsing_exception("Unknown key for a START_ARRAY in [" + std::string(member.key()) +
                                "].");
      }
    }
  } else {
    throw parsing_exception(
        "Expected one of [VALUE_BOOLEAN, VALUE_STRING, START_ARRAY, START_OBJECT] for [_source]");
  }
  return f;
}

SourceFilter SourceFilter::from_params(const Params& params, SourceFilter base) {
  if (const auto source = params.get("_source")) {
    if (*source == "true" || source->empty()) {
      base.fetch_ = true;
    } else if (*source == "false") {
      base.fetch_ = false;
    } else {
      base.fetch_ = true;
      base.includes_ = split_commas(*source);
    }
  }
  if (const auto includes = params.get("_source_includes")) {
    base.fetch_ = true;
    base.includes_ = split_commas(*includes);
  }
  if (const auto excludes = params.get("_source_excludes")) {
    base.fetch_ = true;
    base.excludes_ = split_commas(*excludes);
  }
  return base;
}

json::object SourceFilter::filter(const json::object& source) const {
  return filter_object(source, "", includes_, excludes_, false);
}

void SourceFilter::apply(std::string_view source, std::string& out) const {
  if (!filters()) {
    out.append(source);
    return;
  }
  boost::system::error_code ec;
  json::value parsed = json::parse(source, ec);
  if (ec || !parsed.is_object()) {
    out.append(source);
    return;
  }
  append_json(out, filter(parsed.get_object()));
}

}  // namespace connectors::emulator
