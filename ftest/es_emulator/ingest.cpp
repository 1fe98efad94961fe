#include "ftest/es_emulator/ingest.hpp"

#include <algorithm>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/json_scanner.hpp"
#include "ftest/es_emulator/json_text.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

constexpr std::string_view kConnectorFields[] = {
    "_extract_binary_content",   "_reduce_whitespace",    "_run_ml_inference", "_attachment",
    "_attachment_indexed_chars", "_extracted_attachment",
};

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The gsub(\s+ -> " ") and trim of the pipeline's `body` processors, done on a JSON string
// literal (quotes included) without decoding it: literal spaces and the escapes \t \n \r \f
// and \u0009-\u000d, \u0020 are Java's \s; every other character or escape is kept as written.
std::string collapse_whitespace_literal(std::string_view literal) {
  std::string out;
  out.reserve(literal.size());
  out += '"';
  bool in_space = false;
  const std::string_view text = literal.substr(1, literal.size() - 2);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    bool space = text[i] == ' ';
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char e = text[i + 1];
      length = 2;
      if (e == 't' || e == 'n' || e == 'r' || e == 'f') {
        space = true;
      } else if (e == 'u' && i + 5 < text.size() && is_hex(text[i + 2]) && is_hex(text[i + 3]) &&
                 is_hex(text[i + 4]) && is_hex(text[i + 5])) {
        length = 6;
        const unsigned code = static_cast<unsigned>(std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16));
        space = (code >= 0x09 && code <= 0x0d) || code == 0x20;
      }
    }
    if (space) {
      in_space = true;
    } else {
      if (in_space && out.size() > 1) out += ' ';
      in_space = false;
      out.append(text.substr(i, length));
    }
    i += length;
  }
  out += '"';
  return out;
}

class DefaultIngestionPipeline final : public Pipeline {
 public:
  std::optional<std::string> apply(std::string_view source,
                                   const std::vector<JsonMember>* scanned) const override {
    std::vector<JsonMember> own;
    if (!scanned) {
      JsonKind kind;
      if (scan_json(source, &kind, &own) || kind != JsonKind::Object) return std::nullopt;
      scanned = &own;
    }
    const std::vector<JsonMember>& members = *scanned;
    bool any = false;
    bool reduce = false;
    bool has_body = false;
    for (const auto& m : members) {
      const std::string_view key = m.key();
      if (std::find(std::begin(kConnectorFields), std::end(kConnectorFields), key) !=
          std::end(kConnectorFields)) {
        any = true;
        if (key == "_reduce_whitespace" &&
            source.substr(m.value_begin, m.end - m.value_begin) == "true") {
          reduce = true;
        }
      }
      if (key == "body" && source[m.value_begin] == '"') has_body = true;
    }
    if (!any && !(reduce && has_body)) return std::nullopt;
    // Rebuilt from the members' own bytes: only the dropped fields and a collapsed body
    // change; everything else is kept as received.
    std::string out;
    out.reserve(source.size());
    out += '{';
    bool changed = false;
    for (const auto& m : members) {
      const std::string_view key = m.key();
      if (std::find(std::begin(kConnectorFields), std::end(kConnectorFields), key) !=
          std::end(kConnectorFields)) {
        changed = true;
        continue;
      }
      if (out.size() > 1) out += ',';
      if (reduce && key == "body" && source[m.value_begin] == '"') {
        const std::string_view literal = source.substr(m.value_begin, m.end - m.value_begin);
        const std::string collapsed = collapse_whitespace_literal(literal);
        changed |= collapsed != literal;
        out.append(source.substr(m.begin, m.value_begin - m.begin));
        out += collapsed;
      } else {
        out.append(source.substr(m.begin, m.end - m.begin));
      }
    }
    out += '}';
    if (!changed) return std::nullopt;
    return out;
  }

  json::object definition() const override {
    json::array fields;
    for (const auto field : kConnectorFields) fields.emplace_back(json::string(field));
    return json::object{
        {"description",
         "Stands in for Elasticsearch's built-in search-default-ingestion pipeline: drops the "
         "connector control fields, collapsing whitespace in `body` when _reduce_whitespace is "
         "true"},
        {"version", 1},
        {"processors", json::array{json::object{
                           {"remove", json::object{{"field", fields}, {"ignore_missing", true}}}}}},
        {"_meta", json::object{{"managed", true}, {"managed_by", "es-emulator"}}},
    };
  }
};

// ---- user pipelines -----------------------------------------------------------------------

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> parts;
  while (true) {
    const auto dot = path.find('.');
    parts.emplace_back(path.substr(0, dot));
    if (dot == std::string_view::npos) break;
    path = path.substr(dot + 1);
  }
  return parts;
}

json::value* find_path(json::object& root, const std::vector<std::string>& parts,
                       json::object** parent) {
  json::object* current = &root;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto* next = current->if_contains(parts[i]);
    if (!next) return nullptr;
    if (i + 1 == parts.size()) {
      if (parent) *parent = current;
      return next;
    }
    if (!next->is_object()) return nullptr;
    current = &next->get_object();
  }
  return nullptr;
}

EsError not_present(std::string_view field) {
  return bad_request("field [" + split_path(field).back() + "] not present as part of path [" +
                     std::string(field) + "]");
}

struct Processor {
  virtual ~Processor() = default;
  virtual bool run(json::object& doc) const = 0;  // returns whether it changed doc
};

struct RemoveProcessor final : Processor {
  std::vector<std::string> fields;
  bool ignore_missing = false;
  bool run(json::object& doc) const override {
    bool changed = false;
    for (const auto& field : fields) {
      json::object* parent = nullptr;
      const auto parts = split_path(field);
      if (!find_path(doc, parts, &parent)) {
        if (ignore_missing) continue;
        throw not_present(field);
      }
      parent->erase(parts.back());
      changed = true;
    }
    return changed;
  }
};

struct SetProcessor final : Processor {
  std::string field;
  json::value value;
  bool override_existing = true;
  bool run(json::object& doc) const override {
    const auto parts = split_path(field);
    json::object* current = &doc;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      auto& next = (*current)[parts[i]];
      if (!next.is_object()) {
        if (!next.is_null()) {
          throw bad_request(
              "cannot set [" + parts[i + 1] + "] with parent object of type [" +
              std::string(next.is_array() ? "java.util.ArrayList" : "java.lang.String") +
              "] as part of path [" + field + "]");
        }
        next = json::object{};
      }
      current = &next.get_object();
    }
    auto* existing = current->if_contains(parts.back());
    if (existing && !override_existing) return false;
    if (existing && *existing == value) return false;
    (*current)[parts.back()] = value;
    return true;
  }
};

struct RenameProcessor final : Processor {
  std::string field;
  std::string target;
  bool ignore_missing = false;
  bool run(json::object& doc) const override {
    json::object* parent = nullptr;
    const auto parts = split_path(field);
    auto* value = find_path(doc, parts, &parent);
    if (!value) {
      if (ignore_missing) return false;
      throw not_present(field);
    }
    json::value moved = std::move(*value);
    parent->erase(parts.back());
    SetProcessor set;
    set.field = target;
    set.value = std::move(moved);
    set.run(doc);
    return true;
  }
};

EsError processor_error(std::string reason, std::string_view type) {
  EsError error(400, "parse_exception", std::move(reason));
  error.with("processor_type", std::string(type));
  return error;
}

std::string required_string(const json::object& config, std::string_view key,
                            std::string_view type) {
  const auto* value = config.if_contains(key);
  if (!value)
    throw processor_error("[" + std::string(key) + "] required property is missing", type);
  if (!value->is_string()) {
    throw processor_error(
        "[" + std::string(key) + "] property isn't a string, but of type [" +
            std::string(value->is_array() ? "java.util.ArrayList" : "java.lang.Object") + "]",
        type);
  }
  return std::string(value->get_string());
}

bool optional_bool(const json::object& config, std::string_view key, bool fallback) {
  const auto* value = config.if_contains(key);
  if (!value) return fallback;
  if (value->is_bool()) return value->get_bool();
  if (value->is_string()) return value->get_string() == "true";
  return fallback;
}

void reject_unknown(const json::object& config, std::string_view type,
                    std::initializer_list<std::string_view> known) {
  for (const auto& member : config) {
    if (std::find(known.begin(), known.end(), member.key()) == known.end()) {
      throw processor_error(
          "processor [" + std::string(type) +
              "] doesn't support one or more provided configuration parameters [" +
              std::string(member.key()) + "]",
          type);
    }
  }
}

std::unique_ptr<Processor> make_processor(const json::value& spec) {
  if (!spec.is_object() || spec.get_object().size() != 1) {
    throw EsError(400, "parse_exception",
                  "processor definition must be an object with one processor type");
  }
  const auto& [type, config_value] = *spec.get_object().begin();
  if (!config_value.is_object()) throw processor_error("processor config must be an object", type);
  const auto& config = config_value.get_object();
  if (type == "remove") {
    reject_unknown(config, type,
                   {"field", "ignore_missing", "description", "tag", "ignore_failure"});
    auto p = std::make_unique<RemoveProcessor>();
    const auto* field = config.if_contains("field");
    if (!field) throw processor_error("[field] required property is missing", type);
    if (field->is_string()) {
      p->fields.emplace_back(field->get_string());
    } else if (field->is_array()) {
      for (const auto& f : field->get_array()) {
        if (!f.is_string()) throw processor_error("[field] must be strings", type);
        p->fields.emplace_back(f.get_string());
      }
    } else {
      throw processor_error("[field] property isn't a string or an array", type);
    }
    p->ignore_missing = optional_bool(config, "ignore_missing", false);
    return p;
  }
  if (type == "set") {
    reject_unknown(config, type,
                   {"field", "value", "override", "description", "tag", "ignore_failure",
                    "ignore_empty_value"});
    auto p = std::make_unique<SetProcessor>();
    p->field = required_string(config, "field", type);
    const auto* value = config.if_contains("value");
    if (!value) throw processor_error("[value] required property is missing", type);
    p->value = *value;
    p->override_existing = optional_bool(config, "override", true);
    return p;
  }
  if (type == "rename") {
    reject_unknown(
        config, type,
        {"field", "target_field", "ignore_missing", "description", "tag", "ignore_failure"});
    auto p = std::make_unique<RenameProcessor>();
    p->field = required_string(config, "field", type);
    p->target = required_string(config, "target_field", type);
    p->ignore_missing = optional_bool(config, "ignore_missing", false);
    return p;
  }
  EsError error(400, "parse_exception",
                "No processor type exists with name [" + std::string(type) + "]");
  error.with("processor_type", std::string(type));
  throw error;
}

class UserPipeline final : public Pipeline {
 public:
  explicit UserPipeline(const json::object& definition) : definition_(definition) {
    for (const auto& member : definition) {
      const auto key = member.key();
      if (key == "processors") {
        if (!member.value().is_array())
          throw EsError(400, "parse_exception", "[processors] must be a list");
        for (const auto& spec : member.value().get_array())
          processors_.push_back(make_processor(spec));
      } else if (key == "description" || key == "version" || key == "_meta" ||
                 key == "on_failure" || key == "deprecated") {
        continue;
      } else {
        throw EsError(400, "parse_exception",
                      "pipeline [" + std::string(key) + "] is not a supported key");
      }
    }
    if (!definition.contains("processors")) {
      throw EsError(400, "parse_exception", "[processors] required property is missing");
    }
  }

  std::optional<std::string> apply(std::string_view source,
                                   const std::vector<JsonMember>*) const override {
    if (processors_.empty()) return std::nullopt;
    json::value doc = json::parse(source);
    bool changed = false;
    for (const auto& p : processors_) changed |= p->run(doc.get_object());
    if (!changed) return std::nullopt;
    return to_json(doc);
  }

  json::object definition() const override { return definition_; }

 private:
  json::object definition_;
  std::vector<std::unique_ptr<Processor>> processors_;
};

}  // namespace

std::shared_ptr<const Pipeline> make_pipeline(const json::object& definition) {
  return std::make_shared<UserPipeline>(definition);
}

std::shared_ptr<const Pipeline> make_default_ingestion_pipeline() {
  return std::make_shared<DefaultIngestionPipeline>();
}

PipelineRegistry::PipelineRegistry() { reset(); }

void PipelineRegistry::put(const std::string& id, const json::object& definition) {
  auto pipeline = make_pipeline(definition);
  std::lock_guard lock(mutex_);
  pipelines_[id] = std::move(pipeline);
}

std::shared_ptr<const Pipeline> PipelineRegistry::find(std::string_view id) const {
  std::lock_guard lock(mutex_);
  const auto it = pipelines_.find(id);
  return it == pipelines_.end() ? nullptr : it->second;
}

bool PipelineRegistry::remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  const auto it = pipelines_.find(id);
  if (it == pipelines_.end()) return false;
  pipelines_.erase(it);
  return true;
}

std::vector<std::pair<std::string, json::object>> PipelineRegistry::list() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, json::object>> out;
  for (const auto& [id, pipeline] : pipelines_) out.emplace_back(id, pipeline->definition());
  return out;
}

void PipelineRegistry::reset() {
  std::lock_guard lock(mutex_);
  pipelines_.clear();
  pipelines_.emplace(std::string(kDefaultIngestPipeline), make_default_ingestion_pipeline());
}

}  // namespace connectors::emulator
