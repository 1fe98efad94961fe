#include "sources/postgresql/document_builder.hpp"

#include "core/json_writer.hpp"

namespace connectors::sources::postgresql {

DocumentBuilder::DocumentBuilder(const TablePlan& plan, std::string timestamp)
    : plan_(plan), timestamp_(std::move(timestamp)) {}

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
    } else {
      codecs::write_json(plan_.columns()[slot.column].codec, field.bytes(), writer);
    }
  }
  const TableRef& table = plan_.table();
  writer.key("_timestamp").string(timestamp_);
  writer.key("database").string(table.database);
  writer.key("table").string(table.table);
  writer.key("schema").string(table.schema);
  writer.end_object();

  json_capacity_ = document.json.size() + 16;
  id_capacity_ = document.id.size() + 8;
  return document;
}

}  // namespace connectors::sources::postgresql
