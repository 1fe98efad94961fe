#include "connector/env_substitution.hpp"

#include <algorithm>
#include <vector>

#include "connector/config_error.hpp"

namespace connectors::service {
namespace {

// Python's \w on str patterns is Unicode-aware; bytes of multi-byte UTF-8 sequences stand in
// for the non-ASCII letters it accepts.
bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c >= 0x80;
}
bool is_ascii_word_char(unsigned char c) { return c < 0x80 && is_word_char(c); }
bool is_name_char(unsigned char c) { return is_word_char(c) || c == '-' || c == '.'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_quote(char c) { return c == '"' || c == '\''; }

std::size_t line_end(std::string_view s, std::size_t from) {
  const std::size_t nl = s.find('\n', from);
  return nl == std::string_view::npos ? s.size() : nl;
}

int line_of(std::string_view s, std::size_t pos) {
  const auto end = s.begin() + static_cast<std::ptrdiff_t>(pos);
  return 1 + static_cast<int>(std::count(s.begin(), end, '\n'));
}

// One hit of EnvYAML's RE_PATTERN, found the way re.finditer finds them.
struct Match {
  enum class Kind { kEscapedDollar, kDigits, kBraced, kNamed };
  Kind kind = Kind::kDigits;
  std::size_t begin = 0;  // includes a leading quote
  std::size_t end = 0;    // includes a trailing quote
  std::string variable;   // empty for ${} and ${|x}, which EnvYAML then ignores
  std::optional<std::string> default_value;
};

std::optional<Match> match_at(std::string_view s, std::size_t p) {
  std::size_t q = p;
  if (is_quote(s[p])) {
    if (p + 1 >= s.size() || s[p + 1] != '$') return std::nullopt;
    q = p + 1;
  } else if (s[p] != '$') {
    return std::nullopt;
  }
  Match m;
  m.begin = p;
  std::size_t i = q + 1;
  if (i < s.size() && s[i] == '$') {
    m.kind = Match::Kind::kEscapedDollar;
    ++i;
  } else if (i < s.size() && is_digit(static_cast<unsigned char>(s[i]))) {
    m.kind = Match::Kind::kDigits;
    while (i < s.size() && is_digit(static_cast<unsigned char>(s[i]))) ++i;
  } else if (i < s.size() && s[i] == '{') {
    // "{(.*?)(\|(.*?))?}": the name stops at the first '|' or '}' of the line; after a '|'
    // the default stops at the next '}'. No closing brace on the line: no match at all.
    const std::size_t start = i + 1;
    const std::size_t stop = line_end(s, start);
    const std::size_t sep = s.substr(0, stop).find_first_of("|}", start);
    if (sep == std::string_view::npos) return std::nullopt;
    m.kind = Match::Kind::kBraced;
    m.variable = std::string(s.substr(start, sep - start));
    if (s[sep] == '}') {
      i = sep + 1;
    } else {
      const std::size_t close = s.substr(0, stop).find('}', sep + 1);
      if (close == std::string_view::npos) return std::nullopt;
      m.default_value = std::string(s.substr(sep + 1, close - sep - 1));
      i = close + 1;
    }
  } else if (i < s.size() && is_name_char(static_cast<unsigned char>(s[i]))) {
    m.kind = Match::Kind::kNamed;
    const std::size_t start = i;
    while (i < s.size() && is_name_char(static_cast<unsigned char>(s[i]))) ++i;
    m.variable = std::string(s.substr(start, i - start));
    if (i < s.size() && s[i] == '|') {
      const std::size_t stop = line_end(s, i);
      m.default_value = std::string(s.substr(i + 1, stop - i - 1));
      i = stop;
    }
  } else {
    return std::nullopt;
  }
  if (i < s.size() && is_quote(s[i])) ++i;
  m.end = i;
  return m;
}

// str.replace: left to right, non-overlapping, inserted text is not scanned again.
std::string replace_all(const std::string& text, const std::string& search,
                        const std::string& value) {
  if (search.empty()) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (;;) {
    const std::size_t hit = text.find(search, from);
    if (hit == std::string::npos) break;
    out.append(text, from, hit - from);
    out += value;
    from = hit + search.size();
  }
  out.append(text, from, std::string::npos);
  return out;
}

// RE_COMMENTS = ^#.*\n (multiline): a '#' in column 0 whose line ends with a line break.
std::string blank_comment_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    if (text[pos] != '#') out.append(text.substr(pos, nl - pos));
    out += '\n';
    pos = nl + 1;
  }
  return out;
}

// posixpath.expandvars: $name and ${name} (ASCII word characters), unknown names untouched.
std::string expand_vars(const std::string& text, const EnvLookup& environment) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$' || i + 1 >= text.size()) {
      out += text[i++];
      continue;
    }
    std::size_t j = i + 1;
    std::string name;
    if (text[j] == '{') {
      const std::size_t close = text.find('}', j + 1);
      if (close == std::string::npos) {
        out += text[i++];
        continue;
      }
      name = text.substr(j + 1, close - j - 1);
      j = close + 1;
    } else if (is_ascii_word_char(static_cast<unsigned char>(text[j]))) {
      while (j < text.size() && is_ascii_word_char(static_cast<unsigned char>(text[j]))) ++j;
      name = text.substr(i + 1, j - i - 1);
    } else {
      out += text[i++];
      continue;
    }
    if (auto value = environment(name)) {
      out += *value;
    } else {
      out.append(text, i, j - i);
    }
    i = j;
  }
  return out;
}

}  // namespace

std::string substitute_environment(std::string_view text, const std::string& file,
                                   const EnvLookup& variables, bool strict) {
  const std::string content = blank_comment_lines(text);

  struct Missing {
    std::string name;
    int line;
  };
  std::vector<Missing> missing;
  std::vector<std::pair<std::size_t, std::size_t>> escapes;  // spans that become "$"
  std::map<std::string, std::string> replaces;                // search text -> value

  std::size_t p = 0;
  while (p < content.size()) {
    const auto m = match_at(content, p);
    if (!m) {
      ++p;
      continue;
    }
    p = m->end;
    if (m->kind == Match::Kind::kEscapedDollar) {
      escapes.emplace_back(m->begin, m->end);
      continue;
    }
    if (m->kind == Match::Kind::kDigits || m->variable.empty()) continue;

    std::optional<std::string> value = variables(m->variable);
    if (!value) value = m->default_value;
    if (!value) {
      const bool seen = std::any_of(missing.begin(), missing.end(),
                                    [&](const Missing& x) { return x.name == m->variable; });
      if (!seen) missing.push_back({m->variable, line_of(content, m->begin)});
      continue;
    }
    const bool braced = m->kind == Match::Kind::kBraced;
    std::string search = braced ? "${" : "$";
    search += m->variable;
    if (m->default_value) search += "|" + *m->default_value;
    if (braced) search += "}";
    replaces[std::move(search)] = std::move(*value);
  }

  if (strict && !missing.empty()) {
    std::string message = file + ":" + std::to_string(missing.front().line) +
                          ": environment variable $" + missing.front().name +
                          " is not defined (set it, or give a default: $" +
                          missing.front().name + "|default)";
    if (missing.size() > 1) {
      message += "; also undefined:";
      for (std::size_t k = 1; k < missing.size(); ++k) {
        message += (k == 1 ? " $" : ", $") + missing[k].name + " (line " +
                   std::to_string(missing[k].line) + ")";
      }
    }
    throw ConfigError(std::move(message));
  }

  std::string result;
  result.reserve(content.size());
  std::size_t from = 0;
  for (const auto& [begin, end] : escapes) {
    result.append(content, from, begin - from);
    result += '$';
    from = end;
  }
  result.append(content, from, std::string::npos);

  // EnvYAML replaces in reverse sorted order so that $HOSTNAME goes before $HOST.
  for (auto it = replaces.rbegin(); it != replaces.rend(); ++it) {
    result = replace_all(result, it->first, it->second);
  }
  return result;
}

std::map<std::string, std::string> parse_dot_env(std::string_view text, const std::string& file,
                                                 const EnvLookup& environment, bool strict) {
  std::map<std::string, std::string> values;
  std::size_t pos = 0;
  int line = 0;
  while (pos <= text.size()) {
    ++line;
    const std::size_t stop = line_end(text, pos);
    const std::string_view row = text.substr(pos, stop - pos);
    pos = stop + 1;

    // ^(?!\d+)(?P<name>[\w\-\.]+)\=["']?(?P<value>.*?)["']?$
    if (row.empty() || is_digit(static_cast<unsigned char>(row[0]))) continue;
    std::size_t i = 0;
    while (i < row.size() && is_name_char(static_cast<unsigned char>(row[i]))) ++i;
    if (i == 0 || i >= row.size() || row[i] != '=') continue;
    std::string name(row.substr(0, i));
    std::string_view value = row.substr(i + 1);
    if (!value.empty() && is_quote(value.front())) value.remove_prefix(1);
    if (!value.empty() && is_quote(value.back())) value.remove_suffix(1);

    if (strict && values.count(name)) {
      throw ConfigError(file + ":" + std::to_string(line) + ": variable " + name +
                        " is defined more than once");
    }
    std::string v(value);
    values[name] = v.find('$') != std::string::npos ? expand_vars(v, environment) : v;
  }
  return values;
}

}  // namespace connectors::service
