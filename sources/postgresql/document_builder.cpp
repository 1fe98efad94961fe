#include "sources/postgresql/document_builder.hpp"

#include <spdlog/spdlog.h>

#include "core/json_writer.hpp"

namespace connectors::sources::postgresql {

DocumentBuilder::DocumentBuilder(const TablePlan& plan, std::string timestamp)
    : plan_(plan), timestamp_(std::move(timestamp)), reported_(plan.columns().size()) {
  const DocumentOrigin& origin = plan_.origin();
  core::JsonWriter writer(table_json_);
  if (origin.table_is_list) {
    writer.begin_array();
    for (const auto& table : origin.tables) writer.string(table);
    writer.end_array();
  } else {
    writer.string(origin.tables.empty() ? std::string() : origin.tables.front());
  }
}

void DocumentBuilder::report(std::size_t column, const codecs::ValueNotes& notes) {
  codecs::ValueNotes& seen = reported_[column];
  const PlannedColumn& planned = plan_.columns()[column];
  if (notes.non_finite && !seen.non_finite) {
    seen.non_finite = true;
    spdlog::warn("Column '{}' ({}) of {} holds NaN or infinite numbers: they are indexed as null "
                 "(JSON has no such numbers; Elastic's connector sends them as is and "
                 "Elasticsearch rejects the document)",
                 planned.name, planned.type_name, plan_.origin().describe());
  }
  if (notes.out_of_range && !seen.out_of_range) {
    seen.out_of_range = true;
    spdlog::warn("Column '{}' ({}) of {} holds dates outside years 1-9999, which Elastic's "
                 "connector cannot read (its sync fails): they are indexed with as many year "
                 "digits as they need, years BC as negative years",
                 planned.name, planned.type_name, plan_.origin().describe());
  }
}

Document DocumentBuilder::build(std::span<const CopyField> fields) {
  Document document;

  document.id.reserve(id_capacity_);
  document.id = plan_.id_prefix();
  bool first_value = true;
  for (const std::size_t column : plan_.key_columns()) {
    const CopyField& field = fields[column];
    if (field.is_null()) continue;  // Python: values that are None are left out
    if (!first_value) document.id += '_';
    first_value = false;
    codecs::append_python_str(plan_.columns()[column].codec, field.bytes(), document.id);
  }

  // The previous document's size is the best guess for this one; reserving the largest
  // ever seen would make one huge row cost every later document.
  document.json.reserve(json_capacity_);
  core::JsonWriter writer(document.json);
  writer.begin_object();
  for (const auto& slot : plan_.slots()) {
    writer.key(slot.key);
    const CopyField& field = fields[slot.column];
    if (field.is_null()) {
      writer.null();
      continue;
    }
    codecs::ValueNotes notes;
    codecs::write_json(plan_.columns()[slot.column].codec, field.bytes(), writer, notes);
    if (notes.non_finite || notes.out_of_range) report(slot.column, notes);
  }
  const DocumentOrigin& origin = plan_.origin();
  writer.key("_timestamp").string(timestamp_);
  writer.key("database").string(origin.database);
  writer.key("table").raw(table_json_);
  writer.key("schema").string(origin.schema);
  writer.end_object();

  json_capacity_ = document.json.size() + 16;
  id_capacity_ = document.id.size() + 8;
  return document;
}

}  // namespace connectors::sources::postgresql
