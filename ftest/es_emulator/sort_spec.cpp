#include "ftest/es_emulator/sort_spec.hpp"

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/field_values.hpp"

namespace connectors::emulator {
namespace {

namespace json = boost::json;

SortField field_named(std::string_view name) {
  SortField field;
  if (name == "_score") {
    field.kind = SortField::Kind::Score;
    field.descending = true;
  } else if (name == "_doc") {
    field.kind = SortField::Kind::Doc;
  } else if (name == "_id") {
    field.kind = SortField::Kind::Id;
  } else {
    field.field = std::string(name);
  }
  field.field = std::string(name);
  return field;
}

bool parse_order(std::string_view order) {
  if (order == "asc" || order == "ASC") return false;
  if (order == "desc" || order == "DESC") return true;
  throw bad_request("Unknown SortOrder [" + std::string(order) + "]");
}

void parse_one(const json::value& spec, std::vector<SortField>& out) {
  if (spec.is_string()) {
    out.push_back(field_named(spec.get_string()));
    return;
  }
  if (!spec.is_object() || spec.get_object().size() != 1) {
    throw parsing_exception(
        "[sort] malformed sort format, expected a field name or {field: options}");
  }
  const auto& [name, options] = *spec.get_object().begin();
  SortField field = field_named(name);
  if (options.is_string()) {
    field.descending = parse_order(options.get_string());
  } else if (options.is_object()) {
    for (const auto& member : options.get_object()) {
      const auto key = member.key();
      const auto& v = member.value();
      if (key == "order" && v.is_string()) {
        field.descending = parse_order(v.get_string());
      } else if (key == "missing") {
        if (v.is_string() && v.get_string() == "_first")
          field.missing_first = true;
        else if (v.is_string() && v.get_string() == "_last")
          field.missing_first = false;
        else
          throw parsing_exception(
              "[sort] missing values other than _first and _last are not supported by es-emulator");
      } else if (key == "mode" && v.is_string()) {
        if (v.get_string() == "min")
          field.mode = SortField::Mode::Min;
        else if (v.get_string() == "max")
          field.mode = SortField::Mode::Max;
        else
          throw parsing_exception("[sort] mode [" + std::string(v.get_string()) +
                                  "] is not supported by es-emulator");
      } else if (key == "unmapped_type" || key == "format" || key == "numeric_type") {
        continue;
      } else {
        throw parsing_exception("[field_sort] unknown field [" + std::string(key) + "]");
      }
    }
  } else {
    throw parsing_exception("[sort] malformed sort options for [" + std::string(name) + "]");
  }
  out.push_back(std::move(field));
}

int type_rank(const json::value& v) {
  if (v.is_number()) return 0;
  if (v.is_string()) return 1;
  if (v.is_bool()) return 2;
  return 3;
}

int compare_present(const json::value& a, const json::value& b) {
  if (const auto c = compare_values(a, b)) return *c;
  return type_rank(a) - type_rank(b);
}

}  // namespace

SortSpec SortSpec::parse(const json::value& spec) {
  SortSpec result;
  if (spec.is_array()) {
    for (const auto& element : spec.get_array()) parse_one(element, result.fields_);
  } else {
    parse_one(spec, result.fields_);
  }
  return result;
}

SortSpec SortSpec::parse_param(std::string_view param) {
  SortSpec result;
  while (!param.empty()) {
    const auto comma = param.find(',');
    const std::string_view item = param.substr(0, comma);
    if (!item.empty()) {
      const auto colon = item.rfind(':');
      SortField field = field_named(item.substr(0, colon));
      if (colon != std::string_view::npos) field.descending = parse_order(item.substr(colon + 1));
      result.fields_.push_back(std::move(field));
    }
    if (comma == std::string_view::npos) break;
    param = param.substr(comma + 1);
  }
  return result;
}

bool SortSpec::needs_source() const {
  for (const auto& f : fields_) {
    if (f.kind == SortField::Kind::Field) return true;
  }
  return false;
}

bool SortSpec::sorts_by_score() const {
  for (const auto& f : fields_) {
    if (f.kind == SortField::Kind::Score) return true;
  }
  return false;
}

json::array SortSpec::keys(const DocContext& doc, double score, std::uint64_t ordinal) const {
  json::array keys;
  keys.reserve(fields_.size());
  for (const auto& f : fields_) {
    switch (f.kind) {
      case SortField::Kind::Score: keys.emplace_back(score); break;
      case SortField::Kind::Doc: keys.emplace_back(ordinal); break;
      case SortField::Kind::Id: keys.emplace_back(json::string(doc.id)); break;
      case SortField::Kind::Field: {
        if (f.field == "_index") {
          keys.emplace_back(json::string(doc.index));
          break;
        }
        const json::value* best = nullptr;
        if (doc.source) {
          const bool want_max = f.mode == SortField::Mode::Max ||
                                (f.mode == SortField::Mode::Default && f.descending);
          for (const auto* v : field_values(*doc.source, f.field)) {
            if (v->is_null() || v->is_object() || v->is_array()) continue;
            if (!best) {
              best = v;
              continue;
            }
            const int c = compare_present(*v, *best);
            if (want_max ? c > 0 : c < 0) best = v;
          }
        }
        keys.push_back(best ? *best : json::value(nullptr));
        break;
      }
    }
  }
  return keys;
}

int SortSpec::compare(const json::array& a, const json::array& b) const {
  for (std::size_t i = 0; i < fields_.size() && i < a.size() && i < b.size(); ++i) {
    const auto& f = fields_[i];
    const bool a_missing = a[i].is_null();
    const bool b_missing = b[i].is_null();
    if (a_missing || b_missing) {
      if (a_missing && b_missing) continue;
      // Missing goes last (or first) whatever the direction.
      return (a_missing != f.missing_first) ? 1 : -1;
    }
    int c = compare_present(a[i], b[i]);
    if (c == 0) continue;
    return f.descending ? -c : c;
  }
  return 0;
}

}  // namespace connectors::emulator
