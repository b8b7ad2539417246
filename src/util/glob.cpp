#include "util/glob.hpp"

#include "util/utf8.hpp"

#include <string>
#include <utility>
#include <vector>

namespace quire::util {
namespace {

// Bytes that are not valid UTF-8 are mapped into the low-surrogate block, the way Python's
// "surrogateescape" decodes undecodable file names, so that they never equal a real character.
constexpr char32_t k_escaped_byte_base = 0xDC00;

std::u32string decode_utf8_leniently(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t code_point = next_code_point(text, pos);
    // A single consumed byte at or above 0x80 can only be an invalid sequence.
    const bool invalid_byte = pos - start == 1 && code_point >= 0x80;
    out.push_back(invalid_byte ? k_escaped_byte_base + code_point : code_point);
  }
  return out;
}

struct Token {
  enum class Kind { literal, any_char, star, set };
  Kind kind = Kind::literal;
  char32_t literal = 0;
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;  // inclusive; reversed ones stay empty

  [[nodiscard]] bool matches(char32_t c) const {
    switch (kind) {
      case Kind::literal:
        return c == literal;
      case Kind::any_char:
        return true;
      case Kind::star:
        return false;
      case Kind::set:
        break;
    }
    bool in_set = false;
    for (const auto& [low, high] : ranges) {
      in_set = in_set || (low <= c && c <= high);
    }
    return in_set != negated;
  }
};

// The members between `[` (or `[!`) and `]`: a character followed by `-` and another character
// is a range; a `-` first or last is literal, as is a `-` right after a range.
Token parse_set(std::u32string_view members, bool negated) {
  Token token{.kind = Token::Kind::set, .negated = negated};
  std::size_t pos = 0;
  while (pos < members.size()) {
    if (pos + 2 < members.size() && members[pos + 1] == U'-') {
      token.ranges.emplace_back(members[pos], members[pos + 2]);
      pos += 3;
    } else {
      token.ranges.emplace_back(members[pos], members[pos]);
      ++pos;
    }
  }
  return token;
}

std::vector<Token> tokenize(std::u32string_view pattern) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const char32_t c = pattern[pos++];
    if (c == U'*') {
      if (tokens.empty() || tokens.back().kind != Token::Kind::star) {
        tokens.push_back(Token{.kind = Token::Kind::star});
      }
      continue;
    }
    if (c == U'?') {
      tokens.push_back(Token{.kind = Token::Kind::any_char});
      continue;
    }
    if (c != U'[') {
      tokens.push_back(Token{.literal = c});
      continue;
    }

    // A set: find its closing bracket; a `]` directly after `[` or `[!` is a member.
    std::size_t end = pos;
    const bool negated = end < pattern.size() && pattern[end] == U'!';
    if (negated) ++end;
    if (end < pattern.size() && pattern[end] == U']') ++end;
    while (end < pattern.size() && pattern[end] != U']') ++end;
    if (end >= pattern.size()) {
      tokens.push_back(Token{.literal = U'['});
      continue;
    }
    const std::size_t members_begin = negated ? pos + 1 : pos;
    tokens.push_back(parse_set(pattern.substr(members_begin, end - members_begin), negated));
    pos = end + 1;
  }
  return tokens;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  const std::vector<Token> tokens = tokenize(decode_utf8_leniently(pattern));
  const std::u32string chars = decode_utf8_leniently(text);

  // Greedy matching with one backtrack point: every token but `*` consumes exactly one
  // character, so retrying from the most recent `*` with one more character swallowed is
  // complete and linear in practice.
  constexpr std::size_t k_none = static_cast<std::size_t>(-1);
  std::size_t token_idx = 0;
  std::size_t char_idx = 0;
  std::size_t star_token = k_none;
  std::size_t star_char = 0;
  while (char_idx < chars.size()) {
    if (token_idx < tokens.size() && tokens[token_idx].kind == Token::Kind::star) {
      star_token = token_idx++;
      star_char = char_idx;
    } else if (token_idx < tokens.size() && tokens[token_idx].matches(chars[char_idx])) {
      ++token_idx;
      ++char_idx;
    } else if (star_token != k_none) {
      token_idx = star_token + 1;
      char_idx = ++star_char;
    } else {
      return false;
    }
  }
  while (token_idx < tokens.size() && tokens[token_idx].kind == Token::Kind::star) ++token_idx;
  return token_idx == tokens.size();
}

}  // namespace quire::util
