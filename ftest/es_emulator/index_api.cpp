// Index endpoints: PUT/HEAD/GET/DELETE /{index}, _refresh, _mapping and _settings.

#include <chrono>

#include <boost/json.hpp>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/router.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

// {"index.a.b":"x"} -> {"index":{"a":{"b":"x"}}}
json::object nest_settings(const json::object& flat) {
  json::object nested;
  for (const auto& member : flat) {
    std::string_view key = member.key();
    json::object* current = &nested;
    while (true) {
      const auto dot = key.find('.');
      if (dot == std::string_view::npos) {
        (*current)[key] = member.value();
        break;
      }
      auto& child = (*current)[key.substr(0, dot)];
      if (!child.is_object()) child = json::object{};
      current = &child.get_object();
      key = key.substr(dot + 1);
    }
  }
  return nested;
}

// The indices the request's {index} path part names, under its indices options.
std::vector<std::shared_ptr<Index>> requested_indices(Store& store, const Request& request,
                                                      const PathParams& path) {
  return store.resolve(path.get("index"), IndicesOptions::from_params(request.params));
}

json::object settings_of(const Index& index) {
  json::object flat = index.settings_flat();
  flat["index.provided_name"] = index.name();
  flat["index.uuid"] = index.uuid();
  flat["index.creation_date"] = std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(index.created().time_since_epoch())
          .count());
  flat["index.version.created"] = "9039001";
  return nest_settings(flat);
}

json::object aliases_of(const Store& store, const Index& index) {
  json::object aliases;
  for (const auto& alias : store.aliases_of(index.name())) {
    aliases[alias] = alias[0] == '.' ? json::object{{"is_hidden", true}} : json::object{};
  }
  return aliases;
}

std::string shards_for_refresh(std::size_t indices) {
  return "{\"_shards\":{\"total\":" + std::to_string(indices * 2) +
         ",\"successful\":" + std::to_string(indices) + ",\"failed\":0}}";
}

}  // namespace

void register_index_api(Router& router, Cluster& cluster) {
  Store& store = cluster.store();

  router.add(Method::Put, "/{index}", [&store](const Request& request, const PathParams& path) {
    const json::object body = body_object(request, false);
    const auto index = store.create_index(path.get("index"), body);
    return ok(to_json(json::object{
        {"acknowledged", true}, {"shards_acknowledged", true}, {"index", index->name()}}));
  });

  router.add(Method::Head, "/{index}", [&store](const Request& request, const PathParams& path) {
    IndicesOptions defaults;
    defaults.allow_no_indices = false;
    try {
      const auto indices =
          store.resolve(path.get("index"), IndicesOptions::from_params(request.params, defaults));
      return json_response(indices.empty() ? 404 : 200, "");
    } catch (const EsError&) {
      return json_response(404, "");
    }
  });

  router.add(Method::Get, "/{index}", [&store](const Request& request, const PathParams& path) {
    const auto options = IndicesOptions::from_params(request.params);
    std::vector<std::shared_ptr<Index>> indices;
    try {
      indices = store.resolve(path.get("index"), options);
    } catch (const EsError& e) {
      if (options.ignore_unavailable && e.status() == 404) return ok("{}");
      throw;
    }
    json::object out;
    for (const auto& index : indices) {
      out[index->name()] = json::object{
          {"aliases", aliases_of(store, *index)},
          {"mappings", index->mappings()},
          {"settings", settings_of(*index)},
      };
    }
    return ok(to_json(out));
  });

  router.add(Method::Delete, "/{index}", [&store](const Request& request, const PathParams& path) {
    const std::string& expression = path.get("index");
    if (expression.find('*') != std::string::npos || expression == "_all") {
      throw bad_request("Wildcard expressions or all indices are not allowed");
    }
    const bool ignore_unavailable = request.params.get_bool("ignore_unavailable", false);
    for (const auto& name : split_list(expression)) {
      try {
        store.delete_index(name);
      } catch (const EsError& e) {
        if (!(ignore_unavailable && e.status() == 404)) throw;
      }
    }
    return ok("{\"acknowledged\":true}");
  });

  auto refresh = [&store](const Request& request, const PathParams& path) {
    const auto indices = requested_indices(store, request, path);
    for (const auto& index : indices) index->refresh();
    return ok(shards_for_refresh(indices.size()));
  };
  router.add(Method::Post, "/{index}/_refresh", refresh);
  router.add(Method::Get, "/{index}/_refresh", refresh);
  router.add(Method::Post, "/_refresh", refresh);
  router.add(Method::Get, "/_refresh", refresh);

  auto get_mapping = [&store](const Request& request, const PathParams& path) {
    const auto indices = requested_indices(store, request, path);
    json::object out;
    for (const auto& index : indices)
      out[index->name()] = json::object{{"mappings", index->mappings()}};
    return ok(to_json(out));
  };
  router.add(Method::Get, "/{index}/_mapping", get_mapping);
  router.add(Method::Get, "/_mapping", get_mapping);

  auto put_mapping = [&store](const Request& request, const PathParams& path) {
    const json::object body = body_object(request, true);
    const auto indices = requested_indices(store, request, path);
    for (const auto& index : indices) index->merge_mappings(body);
    return ok("{\"acknowledged\":true}");
  };
  router.add(Method::Put, "/{index}/_mapping", put_mapping);
  router.add(Method::Post, "/{index}/_mapping", put_mapping);

  auto get_settings = [&store](const Request& request, const PathParams& path) {
    const auto indices = requested_indices(store, request, path);
    json::object out;
    for (const auto& index : indices)
      out[index->name()] = json::object{{"settings", settings_of(*index)}};
    return ok(to_json(out));
  };
  router.add(Method::Get, "/{index}/_settings", get_settings);
  router.add(Method::Get, "/_settings", get_settings);
}

}  // namespace connectors::emulator
