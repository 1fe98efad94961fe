#include "ftest/yaml_runner/api_spec.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ftest/yaml_runner/stash.hpp"

namespace connectors::yaml_runner {
namespace {

namespace json = boost::json;

core::Error spec_error(std::string message) { return core::Error("SpecError", std::move(message)); }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw spec_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

json::value parse(const std::string& text, const std::string& origin) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) throw spec_error(origin + " is not valid JSON: " + ec.message());
  return value;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// The method a call uses among those the path allows.
std::string choose_method(const std::vector<std::string>& methods, bool with_body) {
  if (with_body) {
    for (const auto& m : methods) {
      if (m != "GET" && m != "HEAD" && m != "DELETE") return m;
    }
  }
  return methods.front();
}

std::string serialize_body(const json::value& body, bool bulk) {
  if (body.is_string()) return std::string(body.get_string());
  if (!bulk) return json::serialize(body);
  std::string out;
  const auto append_line = [&](const json::value& line) {
    out += line.is_string() ? std::string(line.get_string()) : json::serialize(line);
    if (out.empty() || out.back() != '\n') out += '\n';
  };
  if (body.is_array()) {
    for (const auto& line : body.get_array()) append_line(line);
  } else {
    append_line(body);
  }
  return out;
}

std::vector<unsigned> split_status_list(const std::string& text) {
  std::vector<unsigned> statuses;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    try {
      statuses.push_back(static_cast<unsigned>(std::stoul(item)));
    } catch (const std::exception&) {
      throw ParamError("ignore: [" + item + "] is not an HTTP status");
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return statuses;
}

}  // namespace

std::string encode_path_part(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    // RFC 3986 pchar minus '/': unreserved, sub-delims, ':' and '@'.
    if (is_unreserved(c) ||
        std::string_view("!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      append_escape(out, c);
    }
  }
  return out;
}

std::string encode_query_component(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (is_unreserved(c) || c == ',' || c == '*') {
      out += static_cast<char>(c);
    } else {
      append_escape(out, c);
    }
  }
  return out;
}

std::string param_text(const json::value& value) {
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value.get_array()) {
      if (!out.empty()) out += ',';
      out += param_text(item);
    }
    return out;
  }
  if (value.is_object()) return json::serialize(value);
  // A scalar prints as everywhere else in the runner.
  return java_text(value);
}

void ApiSpec::add(const json::value& document, const std::string& origin) {
  if (!document.is_object()) throw spec_error(origin + ": expected a JSON object");
  for (const auto& [name, definition] : document.get_object()) {
    if (!definition.is_object()) throw spec_error(origin + ": [" + std::string(name) + "]");
    const auto& def = definition.get_object();
    ApiDefinition api;
    api.name = std::string(name);
    const auto* url = def.if_contains("url");
    const auto* paths = url && url->is_object() ? url->get_object().if_contains("paths") : nullptr;
    if (!paths || !paths->is_array())
      throw spec_error(origin + ": [" + api.name + "] has no url.paths");
    for (const auto& p : paths->get_array()) {
      const auto& path = p.as_object();
      ApiPath entry;
      entry.path = std::string(path.at("path").as_string());
      for (const auto& m : path.at("methods").as_array()) entry.methods.emplace_back(m.as_string());
      if (const auto* parts = path.if_contains("parts"); parts && parts->is_object()) {
        for (const auto& part : parts->get_object()) entry.parts.emplace_back(part.key());
      }
      if (entry.methods.empty())
        throw spec_error(origin + ": a path of [" + api.name + "] has no methods");
      api.paths.push_back(std::move(entry));
    }
    if (const auto* params = def.if_contains("params"); params && params->is_object()) {
      for (const auto& [param, spec] : params->get_object()) {
        api.params.emplace(param);
        if (spec.is_object()) {
          const auto* required = spec.get_object().if_contains("required");
          if (required && required->is_bool() && required->get_bool()) api.required.emplace(param);
        }
      }
    }
    if (const auto* body = def.if_contains("body"); body && body->is_object()) {
      const auto* required = body->get_object().if_contains("required");
      api.body = required && required->is_bool() && required->get_bool() ? BodyRule::Required
                                                                         : BodyRule::Optional;
      const auto* serialize = body->get_object().if_contains("serialize");
      api.bulk_body = serialize && serialize->is_string() && serialize->get_string() == "bulk";
    }
    apis_[api.name] = std::move(api);
  }
}

ApiSpec ApiSpec::load(const std::string& api_dir) {
  namespace fs = std::filesystem;
  ApiSpec spec;
  std::error_code ec;
  if (!fs::is_directory(api_dir, ec)) throw spec_error("no API spec directory at " + api_dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(api_dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const json::value document = parse(read_file(file), file.string());
    if (file.filename() == "_common.json") {
      const auto* params =
          document.is_object() ? document.get_object().if_contains("params") : nullptr;
      if (params && params->is_object()) {
        for (const auto& p : params->get_object()) spec.global_params_.emplace(p.key());
      }
      continue;
    }
    spec.add(document, file.string());
  }
  if (spec.apis_.empty()) throw spec_error("no API spec files in " + api_dir);
  return spec;
}

ApiSpec ApiSpec::from_json(const std::vector<std::string>& api_texts,
                           const std::string& common_text) {
  ApiSpec spec;
  for (const auto& text : api_texts) spec.add(parse(text, "test API"), "test API");
  const json::value common = parse(common_text, "test _common");
  if (const auto* params = common.get_object().if_contains("params");
      params && params->is_object()) {
    for (const auto& p : params->get_object()) spec.global_params_.emplace(p.key());
  }
  return spec;
}

const ApiDefinition* ApiSpec::find(const std::string& name) const {
  const auto it = apis_.find(name);
  return it == apis_.end() ? nullptr : &it->second;
}

HttpCall resolve_call(const ApiSpec& spec, const std::string& api_name, const json::object& args) {
  const ApiDefinition* api = spec.find(api_name);
  if (!api) throw ParamError("no API named [" + api_name + "] in the REST spec");

  const json::value* body = nullptr;
  std::map<std::string, std::string> params;
  HttpCall call;
  for (const auto& [key, value] : args) {
    if (key == "body") {
      body = &value;
    } else if (key == "ignore") {
      for (const auto& status : split_status_list(param_text(value))) call.ignore.insert(status);
    } else {
      params[std::string(key)] = param_text(value);
    }
  }

  // The paths whose parts are all supplied; the ones with the most parts win.
  const ApiPath* best = nullptr;
  for (const auto& path : api->paths) {
    const bool complete = std::all_of(path.parts.begin(), path.parts.end(),
                                      [&](const std::string& part) { return params.count(part); });
    if (complete && (!best || path.parts.size() > best->parts.size())) best = &path;
  }
  if (!best) {
    throw ParamError("none of the paths of [" + api_name + "] has all its parts supplied");
  }

  std::string target = best->path;
  for (const auto& part : best->parts) {
    const std::string placeholder = "{" + part + "}";
    const auto at = target.find(placeholder);
    if (at != std::string::npos)
      target.replace(at, placeholder.size(), encode_path_part(params[part]));
    params.erase(part);
  }

  std::set<std::string> missing = api->required;
  std::string query;
  for (const auto& [key, value] : params) {
    if (!api->params.count(key) && !spec.is_global_param(key)) {
      throw ParamError("path/param [" + key + "] not supported by [" + api_name + "] api");
    }
    missing.erase(key);
    query += query.empty() ? '?' : '&';
    query += encode_query_component(key);
    query += '=';
    query += encode_query_component(value);
  }
  if (!missing.empty()) {
    throw ParamError("missing required parameter: [" + *missing.begin() + "] by [" + api_name +
                     "] api");
  }

  if (body && !body->is_null()) {
    if (api->body == BodyRule::None)
      throw ParamError("body is not supported by [" + api_name + "] api");
    call.body = serialize_body(*body, api->bulk_body);
    call.content_type = api->bulk_body ? "application/x-ndjson" : "application/json";
  } else if (api->body == BodyRule::Required) {
    throw ParamError("body is required by [" + api_name + "] api");
  }
  call.method = choose_method(best->methods, !call.body.empty());
  call.target = target + query;
  return call;
}

}  // namespace connectors::yaml_runner
