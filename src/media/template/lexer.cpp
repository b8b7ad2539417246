#include "media/template/lexer.hpp"

#include <fmt/format.h>

#include <array>

namespace quire::media::tmpl {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

tl::unexpected<Error> syntax_error(std::string message, std::size_t offset) {
  return fail(ErrorCode::invalid_argument,
              fmt::format("template syntax error at offset {}: {}", offset, message));
}

/// Where the closing delimiter of a tag starts, skipping string literals in expression tags.
std::size_t find_closer(std::string_view source, std::size_t from, std::string_view closer,
                        bool skip_strings) {
  char quote = 0;
  for (std::size_t i = from; i < source.size(); ++i) {
    const char c = source[i];
    if (quote != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (skip_strings && (c == '\'' || c == '"')) {
      quote = c;
      continue;
    }
    if (source.substr(i, closer.size()) == closer) return i;
  }
  return std::string_view::npos;
}

/// lstrip_blocks: when only spaces and tabs stand between the start of its line in the source
/// and the tag at `tag_start`, they are removed from the end of `text`. The source decides,
/// because a newline swallowed by trim_blocks still ends a line.
void strip_line_indent(std::string& text, std::string_view source, std::size_t tag_start) {
  std::size_t line_start = tag_start;
  while (line_start > 0 && is_blank(source[line_start - 1])) --line_start;
  if (line_start > 0 && source[line_start - 1] != '\n') return;
  std::size_t cut = text.size();
  while (cut > 0 && is_blank(text[cut - 1])) --cut;
  text.resize(cut);
}

void strip_trailing_space(std::string& text) {
  while (!text.empty() && is_space(text.back())) text.pop_back();
}

struct Splitter {
  std::string_view source;
  std::vector<Segment> segments;
  std::string pending;
  std::size_t pending_offset = 0;
  bool strip_next_leading = false;

  void flush_text() {
    if (!pending.empty()) {
      segments.push_back(Segment{Segment::Kind::text, std::move(pending), pending_offset});
    }
    pending.clear();
  }

  void take_text(std::size_t from, std::size_t to) {
    std::string_view text = source.substr(from, to - from);
    if (strip_next_leading) {
      while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
      strip_next_leading = false;
    }
    if (pending.empty()) pending_offset = from;
    pending += text;
  }
};

}  // namespace

Result<std::vector<Segment>> split_segments(std::string_view source) {
  // keep_trailing_newline is off: one final newline of the template is not part of the output.
  if (source.ends_with("\r\n")) {
    source.remove_suffix(2);
  } else if (source.ends_with('\n')) {
    source.remove_suffix(1);
  }

  Splitter splitter{source};
  std::size_t pos = 0;
  while (pos < source.size()) {
    std::size_t open = source.find('{', pos);
    while (open != std::string_view::npos && open + 1 < source.size() && source[open + 1] != '{' &&
           source[open + 1] != '%' && source[open + 1] != '#') {
      open = source.find('{', open + 1);
    }
    if (open == std::string_view::npos || open + 1 >= source.size()) {
      splitter.take_text(pos, source.size());
      break;
    }
    splitter.take_text(pos, open);

    const char type = source[open + 1];
    const bool is_block = type == '%' || type == '#';
    const std::string_view closer = type == '{' ? "}}" : type == '%' ? "%}" : "#}";
    std::size_t inner = open + 2;
    if (inner < source.size() && source[inner] == '-') {
      strip_trailing_space(splitter.pending);
      ++inner;
    } else if (inner < source.size() && source[inner] == '+') {
      ++inner;
    } else if (is_block) {
      strip_line_indent(splitter.pending, source, open);
    }

    const std::size_t close = find_closer(source, inner, closer, type != '#');
    if (close == std::string_view::npos) {
      return syntax_error(fmt::format("unclosed '{{{}' tag", type), open);
    }
    std::size_t inner_end = close;
    bool trim_after = is_block;
    if (inner_end > inner && source[inner_end - 1] == '-') {
      --inner_end;
      splitter.strip_next_leading = true;
    } else if (inner_end > inner && source[inner_end - 1] == '+') {
      --inner_end;
      trim_after = false;
    }

    if (type != '#') {
      splitter.flush_text();
      splitter.segments.push_back(
          Segment{type == '{' ? Segment::Kind::output : Segment::Kind::block,
                  std::string(source.substr(inner, inner_end - inner)), inner});
    }
    pos = close + 2;
    // trim_blocks: the newline right after a block tag belongs to the tag.
    if (trim_after && !splitter.strip_next_leading) {
      if (source.substr(pos, 2) == "\r\n") {
        pos += 2;
      } else if (pos < source.size() && source[pos] == '\n') {
        ++pos;
      }
    }
  }
  splitter.flush_text();
  return std::move(splitter.segments);
}

namespace {

Result<std::string> read_string(std::string_view content, std::size_t& i, std::size_t base_offset) {
  const char quote = content[i];
  const std::size_t start = i++;
  std::string text;
  while (i < content.size() && content[i] != quote) {
    char c = content[i];
    if (c == '\\' && i + 1 < content.size()) {
      const char escaped = content[++i];
      switch (escaped) {
        case 'n':
          c = '\n';
          break;
        case 't':
          c = '\t';
          break;
        case 'r':
          c = '\r';
          break;
        case '0':
          c = '\0';
          break;
        default:
          c = escaped;
          break;
      }
    }
    text += c;
    ++i;
  }
  if (i >= content.size()) return syntax_error("unclosed string literal", base_offset + start);
  ++i;
  return text;
}

}  // namespace

Result<std::vector<Token>> tokenize(std::string_view content, std::size_t base_offset) {
  static constexpr std::array<std::string_view, 6> k_two_char_ops = {
      "==", "!=", "<=", ">=", "//", "**"};
  static constexpr std::string_view k_one_char_ops = "+-*/%~<>=|.,:()[]{}";
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < content.size()) {
    const char c = content[i];
    const std::size_t offset = base_offset + i;
    if (is_space(c)) {
      ++i;
    } else if (c == '\'' || c == '"') {
      auto text = read_string(content, i, base_offset);
      if (!text) return fail(text.error());
      tokens.push_back(Token{Token::Kind::string, std::move(*text), offset});
    } else if (is_digit(c)) {
      const std::size_t start = i;
      while (i < content.size() && (is_digit(content[i]) || content[i] == '_')) ++i;
      bool floating = false;
      if (i + 1 < content.size() && content[i] == '.' && is_digit(content[i + 1])) {
        floating = true;
        ++i;
        while (i < content.size() && is_digit(content[i])) ++i;
      }
      std::string digits(content.substr(start, i - start));
      std::erase(digits, '_');
      tokens.push_back(
          Token{floating ? Token::Kind::floating : Token::Kind::integer, digits, offset});
    } else if (is_name_start(c)) {
      const std::size_t start = i;
      while (i < content.size() && is_name_char(content[i])) ++i;
      tokens.push_back(
          Token{Token::Kind::name, std::string(content.substr(start, i - start)), offset});
    } else {
      const std::string_view two = content.substr(i, 2);
      bool matched = false;
      for (const std::string_view op : k_two_char_ops) {
        if (two == op) {
          tokens.push_back(Token{Token::Kind::op, std::string(op), offset});
          i += 2;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (k_one_char_ops.find(c) == std::string_view::npos) {
        return syntax_error(fmt::format("unexpected character '{}'", c), offset);
      }
      tokens.push_back(Token{Token::Kind::op, std::string(1, c), offset});
      ++i;
    }
  }
  tokens.push_back(Token{Token::Kind::end, "", base_offset + content.size()});
  return tokens;
}

}  // namespace quire::media::tmpl
