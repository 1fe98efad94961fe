#include "ftest/es_emulator/connector_documents.hpp"

#include <algorithm>

#include "ftest/es_emulator/body_reader.hpp"
#include "ftest/es_emulator/connector_states.hpp"
#include "ftest/es_emulator/cron.hpp"
#include "ftest/es_emulator/filtering_rules.hpp"
#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/update_merge.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

const json::object& object_or_fail(const json::value& v, std::string_view parser) {
  if (!v.is_object()) throw parse_error("[" + std::string(parser) + "] expected an object");
  return v.get_object();
}

EsError enum_error(std::string_view parser, std::string_view field, std::string_view value,
                   std::string_view enum_name) {
  EsError error = parse_error("[" + std::string(parser) + "] failed to parse field [" +
                              std::string(field) + "]");
  error.caused(bad_request("Unknown " + std::string(enum_name) + " [" + std::string(value) + "]."));
  return error;
}

json::object parse_configuration_field(const json::value& spec) {
  const auto& object = object_or_fail(spec, "connector_configuration");
  // Unknown properties are ignored (and dropped), as the lenient Elasticsearch parser does.
  const BodyReader reader(object, "connector_configuration",
                          {"category", "default_value", "depends_on", "display", "label", "options",
                           "order", "placeholder", "required", "sensitive", "tooltip", "type",
                           "ui_restrictions", "validations", "value"});
  json::object out;
  if (auto category = reader.string("category")) out["category"] = *category;
  if (const auto* d = reader.get("default_value"); d && (d->is_object() || d->is_array()))
    reader.fail("default_value");
  out["default_value"] =
      reader.has("default_value") ? *reader.get("default_value") : json::value(nullptr);
  if (const auto* depends = reader.array("depends_on")) {
    json::array list;
    for (const auto& d : *depends) {
      const BodyReader dr(object_or_fail(d, "connector_configuration_dependency"),
                          "connector_configuration_dependency", {"field", "value"});
      const auto field = dr.string("field");
      if (!field) throw parse_error("[connector_configuration_dependency] Required [field]");
      const auto* value = dr.get("value");
      if (!value || value->is_object() || value->is_array()) dr.fail("value");
      list.push_back(json::object{{"field", *field}, {"value", *value}});
    }
    out["depends_on"] = std::move(list);
  }
  if (auto display = reader.string("display")) {
    // Elasticsearch's ConfigurationDisplayType; "text" is what Elastic's connectors write for
    // every field without a display of its own.
    static constexpr std::string_view kDisplays[] = {"text", "textbox", "textarea", "numeric",
                                                     "toggle", "dropdown"};
    if (std::find(std::begin(kDisplays), std::end(kDisplays), *display) == std::end(kDisplays)) {
      throw enum_error("connector_configuration", "display", *display, "ConfigurationDisplayType");
    }
    out["display"] = *display;
  }
  const auto label = reader.string("label");
  if (!label) throw parse_error("[connector_configuration] Required [label]");
  out["label"] = *label;
  if (const auto* options = reader.array("options")) {
    json::array list;
    for (const auto& o : *options) {
      const BodyReader orr(object_or_fail(o, "connector_configuration_select_option"),
                           "connector_configuration_select_option", {"label", "value"});
      const auto option_label = orr.string("label");
      if (!option_label)
        throw parse_error("[connector_configuration_select_option] Required [label]");
      const auto* value = orr.get("value");
      if (!value || value->is_null() || value->is_object() || value->is_array()) orr.fail("value");
      list.push_back(json::object{{"label", *option_label}, {"value", *value}});
    }
    out["options"] = std::move(list);
  }
  if (const auto order = reader.integer("order")) out["order"] = *order;
  if (auto placeholder = reader.string("placeholder")) out["placeholder"] = *placeholder;
  out["required"] = reader.boolean("required").value_or(false);
  out["sensitive"] = reader.boolean("sensitive").value_or(false);
  if (auto tooltip = reader.string("tooltip")) out["tooltip"] = *tooltip;
  if (auto type = reader.string("type")) {
    static constexpr std::string_view kTypes[] = {"str", "int", "list", "bool"};
    if (std::find(std::begin(kTypes), std::end(kTypes), *type) == std::end(kTypes)) {
      throw enum_error("connector_configuration", "type", *type, "ConfigurationFieldType");
    }
    out["type"] = *type;
  }
  if (const auto* restrictions = reader.array("ui_restrictions")) {
    for (const auto& r : *restrictions) {
      if (!r.is_string()) reader.fail("ui_restrictions");
    }
    out["ui_restrictions"] = *restrictions;
  }
  if (const auto* validations = reader.array("validations")) {
    json::array list;
    for (const auto& v : *validations) {
      const BodyReader vr(object_or_fail(v, "connector_configuration_validation"),
                          "connector_configuration_validation", {"constraint", "type"});
      const auto* constraint = vr.get("constraint");
      if (!constraint || constraint->is_null() || constraint->is_object()) vr.fail("constraint");
      const auto type = vr.string("type");
      if (!type) throw parse_error("[connector_configuration_validation] Required [type]");
      static constexpr std::string_view kValidationTypes[] = {"less_than", "greater_than",
                                                              "list_type", "included_in", "regex"};
      if (std::find(std::begin(kValidationTypes), std::end(kValidationTypes), *type) ==
          std::end(kValidationTypes)) {
        throw enum_error("connector_configuration_validation", "type", *type,
                         "ConfigurationValidationType");
      }
      list.push_back(json::object{{"constraint", *constraint}, {"type", *type}});
    }
    out["validations"] = std::move(list);
  }
  const auto* value = reader.get("value");
  if (value && value->is_array()) reader.fail("value");
  out["value"] = value ? *value : json::value(nullptr);
  return out;
}

}  // namespace

std::shared_ptr<Index> find_system_index(Store& store, std::string_view concrete) {
  return store.find(concrete);
}

std::shared_ptr<Index> ensure_system_index(Store& store, std::string_view alias) {
  return store.index_for_write(alias);
}

std::optional<json::object> read_live(const Index& index, std::string_view id) {
  const DocRef doc = index.get(id, true);
  if (!doc) return std::nullopt;
  json::value parsed = json::parse(doc->source());
  if (!parsed.is_object()) return std::nullopt;
  return std::move(parsed.get_object());
}

std::string update_document(Index& index, Store& store, std::string_view id,
                            const json::object& partial, const std::function<EsError()>& missing,
                            bool detect_noop) {
  const WriteOutcome outcome = index.write(
      id,
      [&](const DocVersion* current) {
        if (!current) throw missing();
        json::value doc = json::parse(current->source());
        const bool changed = merge_into(doc.get_object(), partial);
        if (!changed && detect_noop) return WriteDecision::noop();
        return WriteDecision::put(to_json(doc));
      },
      store.steady_now());
  index.refresh();
  return outcome.result == WriteResult::Noop ? "noop" : "updated";
}

WriteResult put_document(Index& index, Store& store, std::string_view id,
                         const json::object& document) {
  const std::string source = to_json(document);
  const WriteOutcome outcome = index.write(
      id, [&](const DocVersion*) { return WriteDecision::put(source); }, store.steady_now());
  index.refresh();
  return outcome.result;
}

WriteResult delete_document(Index& index, Store& store, std::string_view id) {
  const WriteOutcome outcome = index.write(
      id, [](const DocVersion*) { return WriteDecision::remove(); }, store.steady_now());
  index.refresh();
  return outcome.result;
}

std::string with_id(std::string_view id, std::string_view source) {
  std::string out = "{\"id\":";
  append_json(out, json::string(id));
  const auto brace = source.find('{');
  if (brace == std::string_view::npos) return out + "}";
  std::string_view rest = source.substr(brace + 1);
  const auto first = rest.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && rest[first] != '}') out += ',';
  out.append(rest);
  return out;
}

void check_page(std::int64_t from, std::int64_t size, std::vector<std::string>& problems) {
  if (from < 0)
    problems.push_back("[from] parameter cannot be negative, found [" + std::to_string(from) +
                       "]");
  if (size < 0)
    problems.push_back("[size] parameter cannot be negative, found [" + std::to_string(size) +
                       "]");
}

json::object new_connector_document(const ConnectorCreate& request, const std::string& now) {
  // Field order of Elasticsearch's Connector.toXContent for a new connector.
  json::object doc;
  doc["configuration"] = json::object{};
  doc["custom_scheduling"] = json::object{};
  if (request.description) doc["description"] = *request.description;
  doc["filtering"] = default_filtering(now);
  if (request.index_name) doc["index_name"] = *request.index_name;
  doc["is_native"] = request.is_native;
  if (request.language) doc["language"] = *request.language;
  doc["name"] = request.name.value_or("");
  const json::object schedule{{"enabled", false}, {"interval", "0 0 0 * * ?"}};
  doc["scheduling"] =
      json::object{{"access_control", schedule}, {"full", schedule}, {"incremental", schedule}};
  if (request.service_type) doc["service_type"] = *request.service_type;
  doc["status"] =
      to_string(request.is_native ? ConnectorStatus::NeedsConfiguration : ConnectorStatus::Created);
  doc["sync_now"] = false;
  doc["deleted"] = false;
  return doc;
}

json::object parse_configuration(const json::value& configuration) {
  const auto& object = object_or_fail(configuration, "connector_update_configuration_request");
  json::object out;
  for (const auto& member : object) out[member.key()] = parse_configuration_field(member.value());
  return out;
}

json::object parse_scheduling(const json::value& scheduling) {
  const BodyReader reader(object_or_fail(scheduling, "connector_scheduling"),
                          "connector_scheduling", {"access_control", "full", "incremental"});
  json::object out;
  for (const std::string_view kind : {"access_control", "full", "incremental"}) {
    const auto* spec = reader.object(kind);
    if (!spec) continue;
    const BodyReader sr(*spec, "schedule_config", {"enabled", "interval"});
    const auto enabled = sr.boolean("enabled");
    const auto interval = sr.string("interval");
    if (!enabled) throw parse_error("[schedule_config] Required [enabled]");
    if (!interval) throw parse_error("[schedule_config] Required [interval]");
    if (const auto problem = cron_problem(*interval)) {
      EsError error = parse_error("[schedule_config] failed to parse field [interval]");
      error.caused(bad_request("invalid cron expression [" + *interval + "]: " + *problem));
      throw error;
    }
    out[kind] = json::object{{"enabled", *enabled}, {"interval", *interval}};
  }
  if (out.empty()) throw validation_failed({"[scheduling] cannot be null or empty."});
  return out;
}

json::object parse_pipeline(const json::value& pipeline) {
  const BodyReader reader(
      object_or_fail(pipeline, "connector_ingest_pipeline"), "connector_ingest_pipeline",
      {"extract_binary_content", "name", "reduce_whitespace", "run_ml_inference"});
  json::object out;
  std::vector<std::string> missing;
  for (const std::string_view key :
       {"extract_binary_content", "name", "reduce_whitespace", "run_ml_inference"}) {
    if (!reader.has_value(key)) missing.emplace_back(key);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw parse_error("[connector_ingest_pipeline] Required [" + list + "]");
  }
  out["extract_binary_content"] = *reader.boolean("extract_binary_content");
  out["name"] = *reader.string("name");
  out["reduce_whitespace"] = *reader.boolean("reduce_whitespace");
  out["run_ml_inference"] = *reader.boolean("run_ml_inference");
  return out;
}

json::object parse_features(const json::value& features) {
  const BodyReader reader(
      object_or_fail(features, "connector_features"), "connector_features",
      {"document_level_security", "incremental_sync", "native_connector_api_keys", "sync_rules"});
  auto flag = [](const json::value& v, std::string_view parser) {
    const BodyReader fr(object_or_fail(v, parser), std::string(parser), {"enabled"});
    const auto enabled = fr.boolean("enabled");
    if (!enabled) throw parse_error("[" + std::string(parser) + "] Required [enabled]");
    return json::object{{"enabled", *enabled}};
  };
  json::object out;
  for (const std::string_view key :
       {"document_level_security", "incremental_sync", "native_connector_api_keys"}) {
    if (const auto* v = reader.get(key); v && !v->is_null()) out[key] = flag(*v, "feature_enabled");
  }
  if (const auto* rules = reader.object("sync_rules")) {
    const BodyReader rr(*rules, "sync_rules_features", {"advanced", "basic"});
    json::object sync_rules;
    if (const auto* a = rr.get("advanced"); a && !a->is_null())
      sync_rules["advanced"] = flag(*a, "feature_enabled");
    if (const auto* b = rr.get("basic"); b && !b->is_null())
      sync_rules["basic"] = flag(*b, "feature_enabled");
    out["sync_rules"] = std::move(sync_rules);
  }
  return out;
}

json::object parse_last_sync(const json::object& body) {
  const BodyReader reader(
      body, "connector_update_last_sync_stats_request",
      {"last_access_control_sync_error", "last_access_control_sync_scheduled_at",
       "last_access_control_sync_status", "last_deleted_document_count",
       "last_incremental_sync_scheduled_at", "last_indexed_document_count", "last_seen",
       "last_sync_error", "last_sync_scheduled_at", "last_sync_status", "last_synced",
       "sync_cursor"});
  json::object out;
  auto instant = [&](std::string_view key) {
    const auto text = reader.string(key);
    if (!text) return;
    const auto t = parse_strict_instant(*text);
    if (!t) {
      EsError error =
          parse_error("[connector_update_last_sync_stats_request] failed to parse field [" +
                      std::string(key) + "]");
      error.caused(EsError(400, "date_time_parse_exception",
                           "Text '" + *text + "' could not be parsed at index 0"));
      throw error;
    }
    out[key] = format_es_instant(*t);
  };
  auto status = [&](std::string_view key) {
    const auto text = reader.string(key);
    if (!text) return;
    if (!parse_sync_status(*text)) {
      throw enum_error("connector_update_last_sync_stats_request", key, *text,
                       "ConnectorSyncStatus");
    }
    out[key] = *text;
  };
  if (auto e = reader.string("last_access_control_sync_error"))
    out["last_access_control_sync_error"] = *e;
  instant("last_access_control_sync_scheduled_at");
  status("last_access_control_sync_status");
  if (auto n = reader.integer("last_deleted_document_count"))
    out["last_deleted_document_count"] = *n;
  instant("last_incremental_sync_scheduled_at");
  if (auto n = reader.integer("last_indexed_document_count"))
    out["last_indexed_document_count"] = *n;
  instant("last_seen");
  if (auto e = reader.string("last_sync_error")) out["last_sync_error"] = *e;
  instant("last_sync_scheduled_at");
  status("last_sync_status");
  instant("last_synced");
  if (const auto* cursor = reader.get("sync_cursor"); cursor && !cursor->is_null())
    out["sync_cursor"] = *cursor;
  return out;
}

void require_id(std::string_view id, std::string_view what) {
  if (id.empty()) throw validation_failed({std::string(what) + " cannot be null or empty"});
}

}  // namespace connectors::emulator
