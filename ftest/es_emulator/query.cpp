#include "ftest/es_emulator/query.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ftest/es_emulator/es_error.hpp"
#include "ftest/es_emulator/field_values.hpp"
#include "ftest/es_emulator/instant.hpp"
#include "ftest/es_emulator/json_text.hpp"
#include "ftest/es_emulator/store.hpp"

namespace connectors::emulator {

class QueryNode {
 public:
  virtual ~QueryNode() = default;
  virtual std::optional<double> score(const DocContext& doc) const = 0;
  virtual bool needs_source() const = 0;
};

namespace {

using Node = std::shared_ptr<const QueryNode>;
namespace json = boost::json;

double read_boost(const json::value& v, std::string_view query) {
  if (const auto n = numeric_value(v); n && v.is_number()) return *n;
  throw parsing_exception("[" + std::string(query) + "] query failed to parse field [boost]");
}

bool read_bool(const json::value& v, std::string_view query, std::string_view field) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_string() && (v.get_string() == "true" || v.get_string() == "false")) {
    return v.get_string() == "true";
  }
  throw parsing_exception("[" + std::string(query) + "] failed to parse field [" +
                          std::string(field) + "]");
}

bool is_meta_id(std::string_view field) { return field == "_id"; }
bool is_meta_index(std::string_view field) { return field == "_index"; }

// Values of `field` for `doc`, with _id and _index as metadata fields.
ValueList values_of(const DocContext& doc, std::string_view field, json::value& scratch) {
  if (is_meta_id(field)) {
    scratch = json::string(doc.id);
    return {&scratch};
  }
  if (is_meta_index(field)) {
    scratch = json::string(doc.index);
    return {&scratch};
  }
  if (!doc.source) return {};
  return field_values(*doc.source, field);
}

bool is_meta(std::string_view field) { return is_meta_id(field) || is_meta_index(field); }

// ---- nodes --------------------------------------------------------------------------------

class MatchAllNode final : public QueryNode {
 public:
  explicit MatchAllNode(double boost) : boost_(boost) {}
  std::optional<double> score(const DocContext&) const override { return boost_; }
  bool needs_source() const override { return false; }

 private:
  double boost_;
};

class MatchNoneNode final : public QueryNode {
 public:
  std::optional<double> score(const DocContext&) const override { return std::nullopt; }
  bool needs_source() const override { return false; }
};

class BoolNode final : public QueryNode {
 public:
  std::vector<Node> must, filter, should, must_not;
  std::optional<json::value> minimum_should_match;
  double boost = 1.0;

  std::optional<double> score(const DocContext& doc) const override {
    double total = 0;
    for (const auto& q : must) {
      const auto s = q->score(doc);
      if (!s) return std::nullopt;
      total += *s;
    }
    for (const auto& q : filter) {
      if (!q->score(doc)) return std::nullopt;
    }
    for (const auto& q : must_not) {
      if (q->score(doc)) return std::nullopt;
    }
    std::size_t matched = 0;
    for (const auto& q : should) {
      if (const auto s = q->score(doc)) {
        ++matched;
        total += *s;
      }
    }
    if (matched < required_should()) return std::nullopt;
    return total * boost;
  }

  bool needs_source() const override {
    for (const auto* list : {&must, &filter, &should, &must_not}) {
      for (const auto& q : *list) {
        if (q->needs_source()) return true;
      }
    }
    return false;
  }

  std::size_t required_should() const {
    const auto n = static_cast<long long>(should.size());
    if (!minimum_should_match) {
      return (must.empty() && filter.empty() && !should.empty()) ? 1 : 0;
    }
    long long required = 0;
    const auto& msm = *minimum_should_match;
    if (msm.is_int64()) {
      required = msm.get_int64();
    } else if (msm.is_string()) {
      std::string text(msm.get_string());
      const bool percent = !text.empty() && text.back() == '%';
      if (percent) text.pop_back();
      long long value = std::stoll(text);
      if (percent) {
        required = value >= 0 ? (n * value) / 100 : n - (n * -value) / 100;
      } else {
        required = value;
      }
    }
    if (required < 0) required = n + required;
    return static_cast<std::size_t>(std::clamp(required, 0LL, n));
  }
};

class TermNode final : public QueryNode {
 public:
  TermNode(std::string field, json::value value, bool case_insensitive, double boost)
      : field_(std::move(field)), value_(std::move(value)), ci_(case_insensitive), boost_(boost) {}
  std::optional<double> score(const DocContext& doc) const override {
    json::value scratch;
    for (const auto* v : values_of(doc, field_, scratch)) {
      if (term_equals(*v, value_, ci_)) return boost_;
    }
    return std::nullopt;
  }
  bool needs_source() const override { return !is_meta(field_); }

 private:
  std::string field_;
  json::value value_;
  bool ci_;
  double boost_;
};

class TermsNode final : public QueryNode {
 public:
  TermsNode(std::string field, json::array values, double boost)
      : field_(std::move(field)), values_(std::move(values)), boost_(boost) {}
  std::optional<double> score(const DocContext& doc) const override {
    json::value scratch;
    for (const auto* v : values_of(doc, field_, scratch)) {
      for (const auto& q : values_) {
        if (term_equals(*v, q)) return boost_;
      }
    }
    return std::nullopt;
  }
  bool needs_source() const override { return !is_meta(field_); }

 private:
  std::string field_;
  json::array values_;
  double boost_;
};

class RangeNode final : public QueryNode {
 public:
  std::string field;
  std::optional<json::value> gt, gte, lt, lte;
  double boost = 1.0;

  std::optional<double> score(const DocContext& doc) const override {
    json::value scratch;
    for (const auto* v : values_of(doc, field, scratch)) {
      if (in_range(*v)) return boost;
    }
    return std::nullopt;
  }
  bool needs_source() const override { return !is_meta(field); }

 private:
  bool in_range(const json::value& v) const {
    if (v.is_null() || v.is_object()) return false;
    if (gt) {
      const auto c = compare_values(v, *gt);
      if (!c || *c <= 0) return false;
    }
    if (gte) {
      const auto c = compare_values(v, *gte);
      if (!c || *c < 0) return false;
    }
    if (lt) {
      const auto c = compare_values(v, *lt);
      if (!c || *c >= 0) return false;
    }
    if (lte) {
      const auto c = compare_values(v, *lte);
      if (!c || *c > 0) return false;
    }
    return true;
  }
};

class ExistsNode final : public QueryNode {
 public:
  explicit ExistsNode(std::string field) : field_(std::move(field)) {}
  std::optional<double> score(const DocContext& doc) const override {
    json::value scratch;
    for (const auto* v : values_of(doc, field_, scratch)) {
      if (!v->is_null()) return 1.0;
    }
    return std::nullopt;
  }
  bool needs_source() const override { return !is_meta(field_); }

 private:
  std::string field_;
};

class IdsNode final : public QueryNode {
 public:
  IdsNode(std::vector<std::string> ids, double boost) : ids_(std::move(ids)), boost_(boost) {}
  std::optional<double> score(const DocContext& doc) const override {
    if (std::find(ids_.begin(), ids_.end(), doc.id) != ids_.end()) return boost_;
    return std::nullopt;
  }
  bool needs_source() const override { return false; }

 private:
  std::vector<std::string> ids_;
  double boost_;
};

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class PatternNode final : public QueryNode {
 public:
  // Prefix when `wildcard` is false.
  PatternNode(std::string field, std::string pattern, bool wildcard, bool case_insensitive,
              double boost)
      : field_(std::move(field)),
        pattern_(case_insensitive ? ascii_lower(pattern) : std::move(pattern)),
        wildcard_(wildcard),
        ci_(case_insensitive),
        boost_(boost) {}
  std::optional<double> score(const DocContext& doc) const override {
    json::value scratch;
    for (const auto* v : values_of(doc, field_, scratch)) {
      if (!v->is_string()) continue;
      const std::string text = ci_ ? ascii_lower(v->get_string()) : std::string(v->get_string());
      if (wildcard_ ? glob(pattern_, text) : text.rfind(pattern_, 0) == 0) return boost_;
    }
    return std::nullopt;
  }
  bool needs_source() const override { return !is_meta(field_); }

 private:
  // '*' any run, '?' one character.
  static bool glob(std::string_view p, std::string_view t) {
    std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
    while (ti < t.size()) {
      if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
        ++pi;
        ++ti;
      } else if (pi < p.size() && p[pi] == '*') {
        star = pi++;
        mark = ti;
      } else if (star != std::string_view::npos) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
  }

  std::string field_;
  std::string pattern_;
  bool wildcard_;
  bool ci_;
  double boost_;
};

// Words for match queries: runs of letters and digits (any non-ASCII byte counts as a
// letter), lower-cased: close enough to the standard analyzer for containment checks.
std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      c >= 0x80 || c == '_';
    if (word) {
      current += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

class MatchNode final : public QueryNode {
 public:
  MatchNode(std::string field, std::vector<std::string> tokens, bool all, bool phrase, double boost)
      : field_(std::move(field)),
        tokens_(std::move(tokens)),
        all_(all),
        phrase_(phrase),
        boost_(boost) {}
  std::optional<double> score(const DocContext& doc) const override {
    if (tokens_.empty()) return std::nullopt;
    json::value scratch;
    for (const auto* v : values_of(doc, field_, scratch)) {
      if (v->is_null() || v->is_object()) continue;
      const auto words = tokenize(scalar_text(*v));
      if (phrase_) {
        if (std::search(words.begin(), words.end(), tokens_.begin(), tokens_.end()) !=
            words.end()) {
          return boost_;
        }
        continue;
      }
      std::size_t hits = 0;
      for (const auto& token : tokens_) {
        if (std::find(words.begin(), words.end(), token) != words.end()) ++hits;
      }
      if (all_ ? hits == tokens_.size() : hits > 0) return boost_ * static_cast<double>(hits);
    }
    return std::nullopt;
  }
  bool needs_source() const override { return !is_meta(field_); }

 private:
  std::string field_;
  std::vector<std::string> tokens_;
  bool all_;
  bool phrase_;
  double boost_;
};

class ConstantScoreNode final : public QueryNode {
 public:
  ConstantScoreNode(Node filter, double boost) : filter_(std::move(filter)), boost_(boost) {}
  std::optional<double> score(const DocContext& doc) const override {
    if (filter_->score(doc)) return boost_;
    return std::nullopt;
  }
  bool needs_source() const override { return filter_->needs_source(); }

 private:
  Node filter_;
  double boost_;
};

// ---- parsing ------------------------------------------------------------------------------

class Parser {
 public:
  explicit Parser(core::WallTime now) : now_(now) {}

  Node parse(const json::value& dsl) {
    if (!dsl.is_object()) {
      throw parsing_exception("[_na] query malformed, must start with start_object");
    }
    const auto& object = dsl.get_object();
    if (object.empty()) throw parsing_exception("query malformed, empty clause found");
    if (object.size() > 1) {
      auto it = object.begin();
      const std::string first(it->key());
      ++it;
      throw parsing_exception("[" + first +
                              "] malformed query, expected [END_OBJECT] but found [FIELD_NAME]");
    }
    const auto& [name, body] = *object.begin();
    if (name == "match_all") return match_all(body);
    if (name == "match_none") return std::make_shared<MatchNoneNode>();
    if (name == "bool") return boolean(body);
    if (name == "term") return term(body);
    if (name == "terms") return terms(body);
    if (name == "range") return range(body);
    if (name == "exists") return exists(body);
    if (name == "ids") return ids(body);
    if (name == "prefix") return pattern(body, "prefix", false);
    if (name == "wildcard") return pattern(body, "wildcard", true);
    if (name == "match") return match(body, "match", false);
    if (name == "match_phrase") return match(body, "match_phrase", true);
    if (name == "constant_score") return constant_score(body);
    EsError error = parsing_exception("unknown query [" + std::string(name) + "]");
    error.caused(EsError(400, "named_object_not_found_exception",
                         "[1:1] unknown field [" + std::string(name) + "]"));
    throw error;
  }

 private:
  const json::object& object_body(const json::value& body, std::string_view query) {
    if (!body.is_object()) {
      throw parsing_exception("[" + std::string(query) +
                              "] query malformed, no start_object after query name");
    }
    return body.get_object();
  }

  Node match_all(const json::value& body) {
    double boost = 1.0;
    for (const auto& member : object_body(body, "match_all")) {
      if (member.key() == "boost") {
        boost = read_boost(member.value(), "match_all");
      } else if (member.key() != "_name") {
        throw parsing_exception("[match_all] query does not support [" + std::string(member.key()) +
                                "]");
      }
    }
    return std::make_shared<MatchAllNode>(boost);
  }

  void clauses(const json::value& value, std::vector<Node>& out) {
    if (value.is_array()) {
      for (const auto& element : value.get_array()) out.push_back(parse(element));
    } else if (value.is_object()) {
      out.push_back(parse(value));
    } else {
      throw parsing_exception("[bool] query does not support [" + jackson_token_name(value) +
                              "]");
    }
  }

  Node boolean(const json::value& body) {
    auto node = std::make_shared<BoolNode>();
    for (const auto& member : object_body(body, "bool")) {
      const auto key = member.key();
      if (key == "must")
        clauses(member.value(), node->must);
      else if (key == "filter")
        clauses(member.value(), node->filter);
      else if (key == "should")
        clauses(member.value(), node->should);
      else if (key == "must_not" || key == "mustNot")
        clauses(member.value(), node->must_not);
      else if (key == "minimum_should_match") {
        const auto& v = member.value();
        if (v.is_int64()) {
          node->minimum_should_match = v;
        } else if (v.is_string()) {
          std::string text(v.get_string());
          if (!text.empty() && text.back() == '%') text.pop_back();
          try {
            std::size_t used = 0;
            std::stoll(text, &used);
            if (used != text.size()) throw std::invalid_argument("trailing");
          } catch (const std::exception&) {
            throw parsing_exception("[bool] failed to parse field [minimum_should_match]");
          }
          node->minimum_should_match = v;
        } else {
          throw parsing_exception("[bool] failed to parse field [minimum_should_match]");
        }
      } else if (key == "boost")
        node->boost = read_boost(member.value(), "bool");
      else if (key == "adjust_pure_negative" || key == "_name")
        continue;
      else
        throw parsing_exception("[bool] query does not support [" + std::string(key) + "]");
    }
    return node;
  }

  // The single "field": spec member of term-like queries.
  const json::key_value_pair& single_field(const json::value& body, std::string_view query) {
    const auto& object = object_body(body, query);
    const json::key_value_pair* field = nullptr;
    for (const auto& member : object) {
      if (member.key() == "boost" || member.key() == "_name") continue;
      if (field) {
        throw parsing_exception(
            "[" + std::string(query) + "] query doesn't support multiple fields, found [" +
            std::string(field->key()) + "] and [" + std::string(member.key()) + "]");
      }
      field = &member;
    }
    if (!field)
      throw parsing_exception("[" + std::string(query) + "] query malformed, no field specified");
    return *field;
  }

  Node term(const json::value& body) {
    const auto& field = single_field(body, "term");
    double boost = 1.0;
    bool ci = false;
    json::value value;
    if (field.value().is_object()) {
      bool has_value = false;
      for (const auto& member : field.value().get_object()) {
        if (member.key() == "value") {
          value = member.value();
          has_value = true;
        } else if (member.key() == "boost")
          boost = read_boost(member.value(), "term");
        else if (member.key() == "case_insensitive")
          ci = read_bool(member.value(), "term", "case_insensitive");
        else if (member.key() != "_name") {
          throw parsing_exception("[term] query does not support [" + std::string(member.key()) +
                                  "]");
        }
      }
      if (!has_value) throw parsing_exception("[term] query malformed, no value specified");
    } else if (field.value().is_array()) {
      throw parsing_exception("[term] query does not support array of values");
    } else {
      value = field.value();
    }
    if (value.is_null()) throw bad_request("value cannot be null");
    return std::make_shared<TermNode>(std::string(field.key()), std::move(value), ci, boost);
  }

  Node terms(const json::value& body) {
    const auto& object = object_body(body, "terms");
    double boost = 1.0;
    const json::key_value_pair* field = nullptr;
    for (const auto& member : object) {
      if (member.key() == "boost") {
        boost = read_boost(member.value(), "terms");
      } else if (member.key() != "_name") {
        if (field) {
          throw parsing_exception("[terms] query does not support multiple fields");
        }
        field = &member;
      }
    }
    if (!field) throw parsing_exception("[terms] query requires a field");
    if (!field->value().is_array()) {
      if (field->value().is_object()) {
        throw parsing_exception("[terms] terms lookup is not supported by es-emulator");
      }
      throw parsing_exception("[terms] query does not support [" + std::string(field->key()) + "]");
    }
    return std::make_shared<TermsNode>(std::string(field->key()), field->value().get_array(),
                                       boost);
  }

  json::value bound(const json::value& v) {
    if (v.is_string()) {
      const std::string_view text = v.get_string();
      if (text.substr(0, 3) == "now" || text.find("||") != std::string_view::npos) {
        const auto t = resolve_date_math(text, now_);
        if (!t) throw parsing_exception("failed to parse date field [" + std::string(text) + "]");
        return json::string(format_es_instant(*t));
      }
    }
    return v;
  }

  Node range(const json::value& body) {
    const auto& field = single_field(body, "range");
    auto node = std::make_shared<RangeNode>();
    node->field = std::string(field.key());
    if (!field.value().is_object()) {
      throw parsing_exception("[range] query malformed, after field missing start object");
    }
    bool include_lower = true, include_upper = true;
    std::optional<json::value> from, to;
    for (const auto& member : field.value().get_object()) {
      const auto key = member.key();
      const auto& v = member.value();
      if (key == "gt")
        node->gt = bound(v);
      else if (key == "gte")
        node->gte = bound(v);
      else if (key == "lt")
        node->lt = bound(v);
      else if (key == "lte")
        node->lte = bound(v);
      else if (key == "from")
        from = v.is_null() ? std::nullopt : std::optional<json::value>(bound(v));
      else if (key == "to")
        to = v.is_null() ? std::nullopt : std::optional<json::value>(bound(v));
      else if (key == "include_lower")
        include_lower = read_bool(v, "range", key);
      else if (key == "include_upper")
        include_upper = read_bool(v, "range", key);
      else if (key == "boost")
        node->boost = read_boost(v, "range");
      else if (key == "format" || key == "time_zone" || key == "relation" || key == "_name")
        continue;
      else
        throw parsing_exception("[range] query does not support [" + std::string(key) + "]");
    }
    if (from) (include_lower ? node->gte : node->gt) = *from;
    if (to) (include_upper ? node->lte : node->lt) = *to;
    for (auto* b : {&node->gt, &node->gte, &node->lt, &node->lte}) {
      if (*b && b->value().is_null()) b->reset();
    }
    return node;
  }

  Node exists(const json::value& body) {
    std::optional<std::string> field;
    for (const auto& member : object_body(body, "exists")) {
      if (member.key() == "field" && member.value().is_string()) {
        field = std::string(member.value().get_string());
      } else if (member.key() != "boost" && member.key() != "_name") {
        throw parsing_exception("[exists] query does not support [" + std::string(member.key()) +
                                "]");
      }
    }
    if (!field) throw parsing_exception("[exists] must be provided with a [field]");
    return std::make_shared<ExistsNode>(*field);
  }

  Node ids(const json::value& body) {
    std::vector<std::string> values;
    double boost = 1.0;
    for (const auto& member : object_body(body, "ids")) {
      if (member.key() == "values") {
        if (!member.value().is_array())
          throw parsing_exception("[ids] failed to parse field [values]");
        for (const auto& v : member.value().get_array()) {
          if (!v.is_string() && !v.is_number())
            throw parsing_exception("[ids] failed to parse field [values]");
          values.push_back(scalar_text(v));
        }
      } else if (member.key() == "boost") {
        boost = read_boost(member.value(), "ids");
      } else if (member.key() != "_name" && member.key() != "type" && member.key() != "types") {
        throw parsing_exception("[ids] query does not support [" + std::string(member.key()) + "]");
      }
    }
    return std::make_shared<IdsNode>(std::move(values), boost);
  }

  Node pattern(const json::value& body, std::string_view query, bool wildcard) {
    const auto& field = single_field(body, query);
    double boost = 1.0;
    bool ci = false;
    std::optional<std::string> value;
    if (field.value().is_object()) {
      for (const auto& member : field.value().get_object()) {
        const auto key = member.key();
        if ((key == "value" || (wildcard && key == "wildcard")) && member.value().is_string()) {
          value = std::string(member.value().get_string());
        } else if (key == "boost")
          boost = read_boost(member.value(), query);
        else if (key == "case_insensitive")
          ci = read_bool(member.value(), query, key);
        else if (key != "rewrite" && key != "_name") {
          throw parsing_exception("[" + std::string(query) + "] query does not support [" +
                                  std::string(key) + "]");
        }
      }
    } else if (field.value().is_string()) {
      value = std::string(field.value().get_string());
    }
    if (!value)
      throw parsing_exception("[" + std::string(query) + "] query malformed, no value specified");
    return std::make_shared<PatternNode>(std::string(field.key()), *value, wildcard, ci, boost);
  }

  Node match(const json::value& body, std::string_view query, bool phrase) {
    const auto& field = single_field(body, query);
    double boost = 1.0;
    bool all = false;
    std::optional<json::value> text;
    if (field.value().is_object()) {
      for (const auto& member : field.value().get_object()) {
        const auto key = member.key();
        if (key == "query")
          text = member.value();
        else if (key == "operator" && member.value().is_string()) {
          const std::string op = ascii_lower(member.value().get_string());
          if (op != "and" && op != "or") {
            throw parsing_exception("[" + std::string(query) +
                                    "] query does not support operator [" + op + "]");
          }
          all = op == "and";
        } else if (key == "boost")
          boost = read_boost(member.value(), query);
        else if (key == "analyzer" || key == "fuzziness" || key == "lenient" ||
                 key == "zero_terms_query" || key == "minimum_should_match" || key == "slop" ||
                 key == "_name" || key == "auto_generate_synonyms_phrase_query" ||
                 key == "prefix_length" || key == "max_expansions" ||
                 key == "fuzzy_transpositions") {
          continue;
        } else {
          throw parsing_exception("[" + std::string(query) + "] query does not support [" +
                                  std::string(key) + "]");
        }
      }
    } else {
      text = field.value();
    }
    if (!text || text->is_null() || text->is_object() || text->is_array()) {
      throw parsing_exception("No text specified for text query");
    }
    return std::make_shared<MatchNode>(std::string(field.key()), tokenize(scalar_text(*text)), all,
                                       phrase, boost);
  }

  Node constant_score(const json::value& body) {
    Node filter;
    double boost = 1.0;
    for (const auto& member : object_body(body, "constant_score")) {
      if (member.key() == "filter")
        filter = parse(member.value());
      else if (member.key() == "boost")
        boost = read_boost(member.value(), "constant_score");
      else if (member.key() != "_name") {
        throw parsing_exception("[constant_score] query does not support [" +
                                std::string(member.key()) + "]");
      }
    }
    if (!filter) throw parsing_exception("[constant_score] requires a 'filter' element");
    return std::make_shared<ConstantScoreNode>(std::move(filter), boost);
  }

  core::WallTime now_;
};

}  // namespace

Query Query::parse(const boost::json::value& dsl, core::WallTime now) {
  Parser parser(now);
  return Query(parser.parse(dsl));
}

Query Query::match_all() { return Query(std::make_shared<MatchAllNode>(1.0)); }

bool Query::needs_source() const { return root_->needs_source(); }

std::optional<double> Query::score(const DocContext& doc) const { return root_->score(doc); }

}  // namespace connectors::emulator
