#include "sources/postgresql/table_plan.hpp"

#include "sources/postgresql/column_naming.hpp"

namespace connectors::sources::postgresql {

std::string DocumentOrigin::describe() const {
  if (!table_is_list && tables.size() == 1) return "table '" + tables[0] + "'";
  std::string names;
  for (const auto& table : tables) {
    if (!names.empty()) names += ", ";
    names += table;
  }
  return "query for tables " + names;
}

TablePlan TablePlan::build(DocumentOrigin origin, std::vector<ColumnInfo> columns, const TypeCatalog& types) {
  TablePlan plan;
  plan.origin_ = std::move(origin);
  for (auto& column : columns) {
    const ColumnMapping mapping = map_column_type(column.type_oid, types);
    PlannedColumn planned;
    planned.codec = mapping.codec;
    planned.cast = mapping.cast;
    planned.elastic_fails = mapping.elastic_fails;
    planned.key = map_column_name(column.name, plan.origin_.schema, plan.origin_.tables);
    planned.type_name = std::move(column.type_name);
    planned.name = std::move(column.name);

    const std::size_t index = plan.columns_.size();
    bool merged = false;
    for (auto& slot : plan.slots_) {
      if (slot.key == planned.key) {
        slot.column = index;
        merged = true;
      }
    }
    if (!merged) plan.slots_.push_back({planned.key, index});
    plan.columns_.push_back(std::move(planned));
  }
  plan.id_prefix_ = postgresql::id_prefix(plan.origin_.database, plan.origin_.schema, plan.origin_.tables);
  return plan;
}

bool TablePlan::set_keys(const std::vector<std::string>& keys) {
  std::vector<std::size_t> key_columns;
  for (const auto& key : keys) {
    // The value a key contributes is the one its document key holds.
    const OutputSlot* found = nullptr;
    for (const auto& slot : slots_) {
      if (slot.key == key) found = &slot;
    }
    if (found == nullptr) return false;
    key_columns.push_back(found->column);
  }
  key_columns_ = std::move(key_columns);
  return true;
}

std::vector<queries::CopyColumn> TablePlan::copy_columns() const {
  std::vector<queries::CopyColumn> out;
  out.reserve(columns_.size());
  for (const auto& column : columns_) out.push_back({column.name, column.cast});
  return out;
}

std::string TablePlan::describe_text_fallbacks() const {
  std::string out;
  for (const auto& column : columns_) {
    if (!column.text_fallback()) continue;
    if (!out.empty()) out += ", ";
    out += column.name + " (" + column.type_name + ")";
  }
  return out;
}

}  // namespace connectors::sources::postgresql
