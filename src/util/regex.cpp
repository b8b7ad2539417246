#include "util/regex.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <fmt/format.h>
#include <pcre2.h>

#include <cctype>

namespace quire::util {

struct Regex::Code {
  pcre2_code* code = nullptr;

  explicit Code(pcre2_code* compiled) : code(compiled) {}
  ~Code() { pcre2_code_free(code); }
  Code(const Code&) = delete;
  Code& operator=(const Code&) = delete;
};

namespace {

// Match data is per search so that one compiled pattern can serve many threads.
struct MatchData {
  pcre2_match_data* data;

  explicit MatchData(const pcre2_code* code)
      : data(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(data); }
  MatchData(const MatchData&) = delete;
  MatchData& operator=(const MatchData&) = delete;
};

std::string pcre2_message(int error_code) {
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(error_code, buffer, sizeof buffer);
  return std::string(reinterpret_cast<const char*>(buffer));
}

bool is_hex(std::string_view text) {
  for (const char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::size_t utf8_length_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 1;
  if (lead >= 0xF0) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = 3;
  } else if (lead >= 0xC0) {
    length = 2;
  }
  return std::min(length, text.size() - pos);
}

// `{,n}` is a quantifier in Python and a literal in PCRE2 10.42.
bool is_python_upto_quantifier(std::string_view pattern, std::size_t pos) {
  if (pattern.substr(pos, 2) != "{,") return false;
  std::size_t end = pos + 2;
  while (end < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[end]))) ++end;
  return end > pos + 2 && end < pattern.size() && pattern[end] == '}';
}

}  // namespace

Result<Regex> Regex::compile(std::string_view pattern, RegexCase case_mode) {
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
  if (case_mode == RegexCase::insensitive) options |= PCRE2_CASELESS;

  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   options, &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("invalid regular expression '{}' at offset {}: {}", pattern,
                            error_offset, pcre2_message(error_code)));
  }
  // JIT is an optimisation only; interpretation gives the same results where it is missing.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  return Regex(std::make_shared<const Code>(code));
}

std::optional<RegexMatch> Regex::search(std::string_view text, std::size_t start) const {
  if (start > text.size()) return std::nullopt;
  MatchData match(m_code->code);
  const int rc = pcre2_match(m_code->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                             start, 0, match.data, nullptr);
  if (rc < 0) return std::nullopt;
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match.data);
  return RegexMatch{ovector[0], ovector[1]};
}

std::vector<RegexMatch> Regex::find_all(std::string_view text) const {
  std::vector<RegexMatch> matches;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto found = search(text, pos);
    if (!found) break;
    matches.push_back(*found);
    if (found->end > found->begin) {
      pos = found->end;
    } else if (found->end < text.size()) {
      pos = found->end + utf8_length_at(text, found->end);
    } else {
      break;
    }
  }
  return matches;
}

std::string Regex::replace_all(std::string_view text, std::string_view replacement) const {
  std::string out;
  std::size_t copied = 0;
  for (const auto& match : find_all(text)) {
    out.append(text.substr(copied, match.begin - copied));
    out.append(replacement);
    copied = match.end;
  }
  out.append(text.substr(copied));
  return out;
}

std::string regex_escape(std::string_view literal) {
  std::string escaped;
  escaped.reserve(literal.size() * 2);
  for (const char c : literal) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && !std::isalnum(byte) && c != '_') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string translate_python_regex(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 8);
  bool in_class = false;
  for (std::size_t pos = 0; pos < pattern.size(); ++pos) {
    const char c = pattern[pos];
    if (c == '\\' && pos + 1 < pattern.size()) {
      const char next = pattern[pos + 1];
      const std::string_view hex4 = pattern.substr(pos + 2, 4);
      const std::string_view hex8 = pattern.substr(pos + 2, 8);
      if (next == 'Z' && !in_class) {
        out += "\\z";
        ++pos;
      } else if (next == 'u' && hex4.size() == 4 && is_hex(hex4)) {
        out += fmt::format("\\x{{{}}}", hex4);
        pos += 5;
      } else if (next == 'U' && hex8.size() == 8 && is_hex(hex8)) {
        out += fmt::format("\\x{{{}}}", hex8);
        pos += 9;
      } else {
        out += c;
        out += next;
        ++pos;
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A `]` right after `[` or `[^` is a literal member in both dialects.
      if (pos + 1 < pattern.size() && pattern[pos + 1] == '^') out += pattern[++pos];
      if (pos + 1 < pattern.size() && pattern[pos + 1] == ']') out += pattern[++pos];
      continue;
    }
    if (is_python_upto_quantifier(pattern, pos)) {
      out += "{0";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace quire::util
