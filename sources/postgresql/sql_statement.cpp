#include "sources/postgresql/sql_statement.hpp"

namespace connectors::sources::postgresql {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_word_char(char c) { return is_word_start(c) || (c >= '0' && c <= '9') || c == '$'; }

// The end of a quoted run starting at `i` (the opening quote), past the closing quote.
// A doubled quote is an escaped one; with `backslashes`, so is a quote after a backslash.
std::size_t skip_quoted(std::string_view sql, std::size_t i, char quote, bool backslashes) {
  ++i;
  while (i < sql.size()) {
    const char c = sql[i];
    if (backslashes && c == '\\') {
      i += 2;
    } else if (c == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return sql.size();
}

// "$tag$" at `i`, or 0 when `i` does not start a dollar quote ($1 is a parameter).
std::size_t dollar_tag_length(std::string_view sql, std::size_t i) {
  std::size_t j = i + 1;
  if (j < sql.size() && sql[j] == '$') return 2;
  if (j >= sql.size() || !is_word_start(sql[j])) return 0;
  while (j < sql.size() && is_word_char(sql[j]) && sql[j] != '$') ++j;
  return j < sql.size() && sql[j] == '$' ? j + 1 - i : 0;
}

std::size_t skip_block_comment(std::string_view sql, std::size_t i) {
  int depth = 0;
  while (i < sql.size()) {
    if (sql.compare(i, 2, "/*") == 0) {
      ++depth;
      i += 2;
    } else if (sql.compare(i, 2, "*/") == 0) {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return sql.size();
}

std::string lower(std::string_view word) {
  std::string out(word);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

StatementShape analyze_statement(std::string_view sql) {
  StatementShape shape;
  std::size_t end_of_first = std::string_view::npos;  // position of the first top-level ';'
  bool seen_token = false;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (sql.compare(i, 2, "--") == 0) {
      while (i < sql.size() && sql[i] != '\n') ++i;
      continue;
    }
    if (sql.compare(i, 2, "/*") == 0) {
      i = skip_block_comment(sql, i);
      continue;
    }
    if (c == ';') {
      if (end_of_first == std::string_view::npos) end_of_first = i;
      ++i;
      continue;
    }
    // A token: after the first ';' it means a second statement.
    if (end_of_first != std::string_view::npos) {
      shape.several_statements = true;
      break;
    }
    const bool first = !seen_token;
    seen_token = true;
    if (c == '\'') {
      i = skip_quoted(sql, i, '\'', false);
    } else if (c == '"') {
      i = skip_quoted(sql, i, '"', false);
    } else if (c == '$' && dollar_tag_length(sql, i) > 0) {
      const std::size_t tag_length = dollar_tag_length(sql, i);
      const std::string_view tag = sql.substr(i, tag_length);
      const std::size_t close = sql.find(tag, i + tag_length);
      i = close == std::string_view::npos ? sql.size() : close + tag_length;
    } else if (is_word_start(c)) {
      const std::size_t start = i;
      while (i < sql.size() && is_word_char(sql[i])) ++i;
      const std::string_view word = sql.substr(start, i - start);
      if (first) shape.first_keyword = lower(word);
      // E'...' strings take backslash escapes.
      if ((word == "E" || word == "e") && i < sql.size() && sql[i] == '\'') i = skip_quoted(sql, i, '\'', true);
    } else {
      if (first) shape.first_keyword = std::string(1, c);
      ++i;
    }
  }
  std::string_view body = sql.substr(0, end_of_first == std::string_view::npos ? sql.size() : end_of_first);
  while (!body.empty() && is_space(body.back())) body.remove_suffix(1);
  shape.body = std::string(body);
  return shape;
}

bool is_query_keyword(std::string_view first_keyword) {
  return first_keyword == "select" || first_keyword == "with" || first_keyword == "values" ||
         first_keyword == "table" || first_keyword == "(";
}

}  // namespace connectors::sources::postgresql
