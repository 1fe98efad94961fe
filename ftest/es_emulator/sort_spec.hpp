#pragma once
// Search sort: "field", {"field":"desc"}, {"field":{"order":..,"missing":..,"mode":..}},
// arrays of those, _score, _doc and _id; or the ?sort=field:desc parameter.
//
// A missing value sorts last in both directions unless "missing": "_first"; a field
// holding an array sorts by its minimum ascending and its maximum descending (mode
// overrides). Hits carry the sort keys as `sort` values (null for a missing value).

#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "ftest/es_emulator/query.hpp"

namespace connectors::emulator {

struct SortField {
  enum class Kind { Field, Score, Doc, Id };
  Kind kind = Kind::Field;
  std::string field;
  bool descending = false;
  bool missing_first = false;
  enum class Mode { Default, Min, Max } mode = Mode::Default;
};

class SortSpec {
 public:
  static SortSpec parse(const boost::json::value& spec);  // throws parsing_exception
  static SortSpec parse_param(std::string_view param);

  bool empty() const { return fields_.empty(); }
  bool needs_source() const;
  bool sorts_by_score() const;
  const std::vector<SortField>& fields() const { return fields_; }

  // The document's sort keys. `ordinal` is its position in index order (for _doc).
  boost::json::array keys(const DocContext& doc, double score, std::uint64_t ordinal) const;
  // <0 when `a` sorts before `b`.
  int compare(const boost::json::array& a, const boost::json::array& b) const;

 private:
  std::vector<SortField> fields_;
};

}  // namespace connectors::emulator
