#include "ftest/es_emulator/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/json_writer.hpp"
#include "ftest/es_emulator/body_reader.hpp"
#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/filter_path.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/unrecognized_params.hpp"

namespace connectors::emulator {
namespace {

const std::string kEmpty;

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.empty() || path == "/") return segments;
  if (path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(percent_decode(path.substr(0, slash), false));
    if (slash == std::string_view::npos) break;
    path = path.substr(slash + 1);
  }
  return segments;
}

std::string bare_error(std::string_view message, unsigned status, bool with_status) {
  std::string out = "{\"error\":\"";
  core::append_json_escaped(out, message);
  out += '"';
  if (with_status) {
    out += ",\"status\":";
    out += std::to_string(status);
  }
  out += '}';
  return out;
}

bool acceptable_content_type(std::string_view type) {
  const auto semicolon = type.find(';');
  std::string base(type.substr(0, semicolon));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  for (auto& c : base) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return base == "application/json" || base == "application/x-ndjson" ||
         base == "application/vnd.elasticsearch+json" ||
         base == "application/vnd.elasticsearch+x-ndjson";
}

// "application/vnd.elasticsearch+json;compatible-with=8" when the client asked for it.
std::string response_content_type(const Request& request) {
  for (const std::string* header : {&request.accept, &request.content_type}) {
    if (header->find("vnd.elasticsearch+") == std::string::npos) continue;
    const auto at = header->find("compatible-with=");
    if (at == std::string::npos) continue;
    std::string version;
    for (std::size_t i = at + 16; i < header->size() && (*header)[i] >= '0' && (*header)[i] <= '9';
         ++i) {
      version += (*header)[i];
    }
    if (!version.empty()) return "application/vnd.elasticsearch+json;compatible-with=" + version;
  }
  return "application/json";
}

}  // namespace

const std::string& PathParams::get(std::string_view name) const {
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return kEmpty;
}

bool PathParams::has(std::string_view name) const {
  return std::any_of(values_.begin(), values_.end(),
                     [&](const auto& kv) { return kv.first == name; });
}

Response json_response(unsigned status, std::string body) {
  return Response::json(status, std::move(body));
}
Response ok(std::string body) { return Response::json(200, std::move(body)); }

bool has_body(const Request& request) {
  return request.body.find_first_not_of(" \t\r\n") != std::string::npos;
}

boost::json::object body_object(const Request& request, bool required) {
  if (!has_body(request)) {
    if (required) throw request_body_required();
    return {};
  }
  return parse_json_object(request.body, "request body");
}

Router::Router(Cluster& cluster, const Security* security) : cluster_(cluster), security_(security) {
  register_cluster_api(*this, cluster);
  register_index_api(*this, cluster);
  register_document_api(*this, cluster);
  register_search_api(*this, cluster);
  register_bulk_api(*this, cluster);
  register_ingest_api(*this, cluster);
  register_connector_api(*this, cluster);
  register_sync_job_api(*this, cluster);
  register_secret_api(*this, cluster);
  register_emulator_api(*this, cluster);
}

void Router::add(Method method, std::string_view pattern, Handler handler) {
  Route route;
  route.method = method;
  route.api = find_api(method, pattern);
  if (!route.api) {
    throw std::logic_error("route " + std::string(method_name(method)) + " " + std::string(pattern) +
                           " has no entry in api_catalog");
  }
  for (const auto& text : split_path(pattern)) {
    Segment segment;
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
      segment.param = true;
      segment.text = text.substr(1, text.size() - 2);
    } else {
      segment.text = text;
    }
    route.segments.push_back(std::move(segment));
  }
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

const User* Router::admit(const Request& request, const ApiEntry& api, const PathParams& params) const {
  const User* user = nullptr;
  if (security_ && api.target != AuthTarget::Open) {
    user = &security_->authenticate(request.authorization, request.target);
  }
  std::string path;
  try {
    path = percent_decode(request.path, false);
  } catch (const EsError&) {
    path = request.path;
  }
  if (auto refusal = unrecognized_params(path, request.params, api.params, common_params())) {
    throw std::move(*refusal);
  }
  if (!user) return nullptr;
  std::vector<std::string> indices;
  switch (api.target) {
    case AuthTarget::Open:
    case AuthTarget::Authenticated: return user;
    case AuthTarget::Cluster:
    case AuthTarget::Items: break;
    case AuthTarget::ConnectorsIndex: indices.emplace_back(kConnectorsIndex); break;
    case AuthTarget::SyncJobsIndex: indices.emplace_back(kSyncJobsIndex); break;
    case AuthTarget::PathIndex: indices = split_list(params.get("index")); break;
  }
  if (auto denial = security_->authorize(*user, api.action, indices)) throw std::move(*denial);
  return user;
}

Response Router::dispatch(const Request& request, const ApiEntry*& api) const {
  const auto segments = split_path(request.path);
  struct Candidate {
    const Route* route;
    std::vector<int> rank;  // 0 literal, 1 param, per segment: lower is more specific
  };
  std::vector<Candidate> candidates;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool match = true;
    std::vector<int> rank;
    for (std::size_t i = 0; i < segments.size() && match; ++i) {
      const auto& s = route.segments[i];
      if (!s.param) {
        match = s.text == segments[i];
        rank.push_back(0);
      } else {
        rank.push_back(1);
      }
    }
    if (match) candidates.push_back(Candidate{&route, std::move(rank)});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.rank < b.rank; });

  const Method wanted = request.method == Method::Head ? Method::Get : request.method;
  const Route* chosen = nullptr;
  for (const auto& c : candidates) {
    if (c.route->method == request.method) {
      chosen = c.route;
      break;
    }
  }
  if (!chosen && request.method == Method::Head) {
    for (const auto& c : candidates) {
      if (c.route->method == wanted) {
        chosen = c.route;
        break;
      }
    }
  }
  if (!chosen) {
    if (candidates.empty()) {
      return json_response(400, bare_error("no handler found for uri [" + request.target +
                                               "] and method [" + request.method_text + "]",
                                           400, false));
    }
    std::vector<Method> allowed;
    for (const auto& c : candidates) {
      if (std::find(allowed.begin(), allowed.end(), c.route->method) == allowed.end()) {
        allowed.push_back(c.route->method);
      }
    }
    std::string list;
    std::string header;
    for (const auto m : allowed) {
      if (!list.empty()) {
        list += ", ";
        header += ',';
      }
      list += method_name(m);
      header += method_name(m);
    }
    Response response = json_response(
        405, bare_error("Incorrect HTTP method for uri [" + request.target + "] and method [" +
                            request.method_text + "], allowed: [" + list + "]",
                        405, true));
    response.headers.emplace_back("Allow", header);
    return response;
  }
  PathParams params;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (chosen->segments[i].param) params.add(chosen->segments[i].text, segments[i]);
  }
  api = chosen->api;
  params.set_user(admit(request, *chosen->api, params));

  FaultPlan plan;
  if (chosen->api->target != AuthTarget::Open && cluster_.faults().active()) {
    plan = cluster_.faults().plan(FaultTarget{request.method, request.path, chosen->api->name});
  }
  Response response;
  switch (plan.action) {
    case FaultPlan::Action::Status: {
      const EsError error = FaultInjector::status_error(plan.status, request.path);
      response = json_response(error.status(), error.body());
      break;
    }
    case FaultPlan::Action::StopAnswering:
      response.delivery = Response::Delivery::StopAnswering;
      response.hang = plan.hang;
      break;
    default:
      response = chosen->handler(request, params);
      if (plan.action == FaultPlan::Action::CloseBeforeResponse)
        response.delivery = Response::Delivery::CloseBeforeResponse;
      if (plan.action == FaultPlan::Action::CloseMidResponse)
        response.delivery = Response::Delivery::CloseMidResponse;
  }
  response.delay = plan.latency;
  return response;
}

Response Router::handle(const Request& original) const {
  Response response;
  const Request* request = &original;
  const ApiEntry* api = nullptr;
  Request with_source;
  try {
    if (!original.body.empty() && !original.content_type.empty() &&
        !acceptable_content_type(original.content_type)) {
      response = json_response(
          406, bare_error("Content-Type header [" + original.content_type + "] is not supported",
                          406, true));
      return response;
    }
    if (original.body.empty() && original.params.has("source")) {
      with_source = original;
      with_source.body = *original.params.get("source");
      request = &with_source;
    }
    response = dispatch(*request, api);
  } catch (const EsError& thrown) {
    const EsError e = add_field_location(thrown, request->body);
    response = json_response(e.status(), e.body());
    for (const auto& [name, values] : e.headers()) {
      for (const auto& value : values) response.headers.emplace_back(name, value);
    }
  } catch (const std::exception& e) {
    EsError error(500, "exception", e.what());
    response = json_response(500, error.body());
  }
  if (response.content_type == "application/json")
    response.content_type = response_content_type(*request);
  const auto count = [&] {
    if (api && api->target == AuthTarget::Open) return;
    cluster_.stats().record_request(api ? api->name : std::string_view("unknown"), response.status,
                                    original.target.size() + original.body.size(), response.body.size());
  };
  if (request->method == Method::Head) {
    response.body.clear();
    count();
    return response;
  }
  try {
    if (const auto filter = request->params.get("filter_path"); filter && !filter->empty()) {
      response.body = apply_filter_path(response.body, *filter);
    }
    if (request->params.get_bool("pretty", false)) response.body = pretty_json(response.body);
  } catch (const EsError&) {
    // A bad ?pretty value leaves the response as it is.
  }
  count();
  return response;
}

}  // namespace connectors::emulator
