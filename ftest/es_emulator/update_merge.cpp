#include "ftest/es_emulator/update_merge.hpp"

namespace connectors::emulator {

bool merge_into(boost::json::object& target, const boost::json::object& changes) {
  bool changed = false;
  for (const auto& member : changes) {
    auto* existing = target.if_contains(member.key());
    if (!existing) {
      target.emplace(member.key(), member.value());
      changed = true;
      continue;
    }
    if (existing->is_object() && member.value().is_object()) {
      changed |= merge_into(existing->get_object(), member.value().get_object());
      continue;
    }
    if (*existing != member.value()) {
      *existing = member.value();
      changed = true;
    }
  }
  return changed;
}

}  // namespace connectors::emulator
