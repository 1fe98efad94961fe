#include "sources/postgresql/table_plan.hpp"

#include "sources/postgresql/column_naming.hpp"
#include "sources/postgresql/pg_error.hpp"

namespace connectors::sources::postgresql {

namespace {
constexpr std::uint32_t kTextOid = 25;
}  // namespace

codecs::ValueCodec plan_codec(const ColumnInfo& column, queries::CopyCast& cast) {
  cast = queries::CopyCast::kNone;
  // A domain is sent in its base type's binary format.
  const std::uint32_t oid = column.kind == 'd' ? column.base_oid : column.type_oid;
  if (const auto scalar = codecs::scalar_codec_for_type(oid)) return {*scalar};
  const bool is_array = column.kind != 'd' && column.category == 'A' && column.element_oid != 0 &&
                        column.length == -1;
  if (is_array) {
    if (const auto element = codecs::scalar_codec_for_type(column.element_oid)) {
      return {codecs::Codec::kArray, *element, column.element_oid};
    }
    // Arrays of other types keep their shape: each element is cast to text.
    cast = queries::CopyCast::kTextArray;
    return {codecs::Codec::kArray, codecs::Codec::kText, kTextOid};
  }
  cast = queries::CopyCast::kText;
  return {codecs::Codec::kText};
}

TablePlan TablePlan::build(TableRef table, std::vector<ColumnInfo> columns,
                           const std::vector<std::string>& primary_key, const Quoter& quoter) {
  TablePlan plan;
  plan.table_ = std::move(table);
  const std::vector<std::string> tables = {plan.table_.table};
  std::vector<queries::CopyColumn> copy_columns;
  for (auto& column : columns) {
    PlannedColumn planned;
    planned.codec = plan_codec(column, planned.cast);
    planned.key = map_column_name(column.name, plan.table_.schema, tables);
    planned.type_name = std::move(column.type_name);
    planned.name = std::move(column.name);
    copy_columns.push_back({planned.name, planned.cast});

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

  for (const auto& name : primary_key) {
    // The value a key column contributes is the one its document key holds.
    const std::string key = map_column_name(name, plan.table_.schema, tables);
    const OutputSlot* found = nullptr;
    for (const auto& slot : plan.slots_) {
      if (slot.key == key) found = &slot;
    }
    if (found == nullptr) {
      throw PgError("primary key column '" + name + "' is not among the columns of table '" +
                        plan.table_.table + "'",
                    "", "planning table '" + plan.table_.table + "'", PgErrorClass::kPermanent);
    }
    plan.key_columns_.push_back(found->column);
  }

  plan.id_prefix_ = postgresql::id_prefix(plan.table_.database, plan.table_.schema, tables);
  plan.copy_sql_ = queries::copy_table(quoter, plan.table_.schema, plan.table_.table, copy_columns);
  return plan;
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
