#include "dates/locale.hpp"

#include "util/unicode.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <mutex>

namespace quire::dates {
namespace {

// Character classes with the meaning Python's `re` gives them on `str`.
bool is_decimal(char32_t c) {
  return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER;
}

bool is_alnum(char32_t c) {
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

bool is_space(char32_t c) {
  if (c == U' ' || (c >= U'\t' && c <= U'\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85) return true;
  const auto type = u_charType(static_cast<UChar32>(c));
  return type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR;
}

/// `\W|_|\d`: what must surround a known word for dateparser's splitter to take it.
bool is_word_edge(char32_t c) { return !is_alnum(c) || c == U'_' || is_decimal(c); }

const std::u32string k_always_keep[] = {U"+", U":", U".", U" ", U"-", U"/"};

bool is_always_keep(std::u32string_view token) {
  return std::find(std::begin(k_always_keep), std::end(k_always_keep), token) !=
         std::end(k_always_keep);
}

/// dateparser keeps a split piece when it is a keep token or holds a letter or digit.
bool should_capture(std::u32string_view token) {
  return is_always_keep(token) || std::any_of(token.begin(), token.end(), is_alnum);
}

void append_numeral_runs(std::u32string_view text, std::vector<std::u32string>& tokens) {
  std::size_t start = 0;
  while (start < text.size()) {
    const bool digits = is_decimal(text[start]);
    std::size_t end = start;
    while (end < text.size() && is_decimal(text[end]) == digits) ++end;
    const std::u32string_view piece = text.substr(start, end - start);
    if (should_capture(piece)) tokens.emplace_back(piece);
    start = end;
  }
}

bool is_digit_token(std::u32string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char32_t c) {
    return u_isdigit(static_cast<UChar32>(c)) != 0;
  });
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  for (const char32_t c : text) {
    std::uint8_t buffer[4];
    std::int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, static_cast<UChar32>(c));
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
  }
  return out;
}

/// Decimal digits of any script as ASCII, keeping their count (`str(int(run)).zfill(len)`).
std::string ascii_numerals(std::string_view text) {
  std::u32string code_points = util::to_utf32(text);
  for (char32_t& c : code_points) {
    if (c >= 0x80 && is_decimal(c)) c = U'0' + static_cast<char32_t>(u_charDigitValue(c));
  }
  return to_utf8(code_points);
}

bool is_sanitize_space(char32_t c) {
  return c == U'\t' || c == U'\n' || c == U'\r' || c == 0xbb || c == 0x200e || c == 0xb7 ||
         c == 0x200f || c == 0x64e || c == 0x64f || c == 0xa0;
}

bool is_apostrophe_like(char32_t c) {
  return c == 0x2019 || c == 0x2bc || c == 0x2bb || c == 0x55a || c == 0xa78c || c == 0x2032 ||
         c == 0x2035 || c == 0x2b9 || c == 0xff07;
}

}  // namespace

std::string sanitize_date_string(std::string_view raw) {
  std::u32string spaced;
  for (char32_t c : util::to_utf32(raw)) {
    if (is_sanitize_space(c)) c = U' ';
    if (is_space(c) && !spaced.empty() && spaced.back() == U' ') continue;
    spaced.push_back(is_space(c) ? U' ' : c);
  }

  std::u32string cleaned;
  for (std::size_t pos = 0; pos < spaced.size(); ++pos) {
    const char32_t c = spaced[pos];
    const bool after_non_digit = pos > 0 && !(spaced[pos - 1] >= U'0' && spaced[pos - 1] <= U'9') &&
                                 !is_space(spaced[pos - 1]);
    if (c == U'.' && after_non_digit) continue;
    cleaned.push_back(is_apostrophe_like(c) ? U'\'' : c);
  }

  while (!cleaned.empty() && is_space(cleaned.back())) cleaned.pop_back();
  std::size_t first = 0;
  while (first < cleaned.size() && is_space(cleaned[first])) ++first;
  cleaned.erase(0, first);
  while (cleaned.size() > 1 && cleaned.back() == U':') cleaned.pop_back();
  while (!cleaned.empty() && is_space(cleaned.back())) cleaned.pop_back();
  return to_utf8(cleaned);
}

Locale::Locale(const LocaleData& data) : m_code(data.code) {
  std::string_view entries = data.entries;
  while (!entries.empty()) {
    const auto newline = entries.find('\n');
    const std::string_view line = entries.substr(0, newline);
    entries = newline == std::string_view::npos ? std::string_view() : entries.substr(newline + 1);
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    if (line.front() == '=') {
      // dateparser bounds each simplification by `\A|\W|_` and `\Z|\W|_`.
      const std::string word(line.substr(1, tab - 1));
      const std::string pattern = R"((?<=\A|\W|_))" + util::regex_escape(word) + R"((?=\z|\W|_))";
      if (auto regex = util::Regex::compile(pattern, util::RegexCase::insensitive)) {
        m_simplifications.push_back({std::move(*regex), std::string(line.substr(tab + 1))});
      }
      continue;
    }
    m_words[util::to_utf32(line.substr(0, tab))] = util::to_utf32(line.substr(tab + 1));
  }
  // dateparser's SKIP_TOKENS setting ("t") is always a known word that translates to nothing.
  m_words[U"t"] = U"";

  for (const auto& [word, english] : m_words) m_words_by_first[word.front()].push_back(word);
  for (auto& [first, words] : m_words_by_first) {
    std::sort(words.begin(), words.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
  }
}

std::u32string Locale::prepare(std::string_view date_string) const {
  std::string text = util::to_lower(util::strip_accents(ascii_numerals(date_string)));
  for (const auto& simplification : m_simplifications) {
    text = util::to_lower(simplification.pattern.replace_all(text, simplification.replacement));
  }
  return util::to_utf32(text);
}

// dateparser's `_split_by_known_words`: repeatedly take the leftmost known word (longest first)
// that has a non-word character, `_`, a digit or an end on both sides; the text before it is
// cut into digit and non-digit runs.
std::vector<std::u32string> Locale::split(std::u32string_view text) const {
  std::vector<std::u32string> tokens;
  while (!text.empty()) {
    std::size_t found_at = std::u32string_view::npos;
    std::u32string_view found_word;
    for (std::size_t pos = 0; pos < text.size() && found_at == std::u32string_view::npos; ++pos) {
      if (pos > 0 && !is_word_edge(text[pos - 1])) continue;
      const auto candidates = m_words_by_first.find(text[pos]);
      if (candidates == m_words_by_first.end()) continue;
      for (const auto& word : candidates->second) {
        const std::size_t end = pos + word.size();
        if (text.substr(pos, word.size()) != word) continue;
        if (end < text.size() && !is_word_edge(text[end])) continue;
        found_at = pos;
        found_word = word;
        break;
      }
    }
    if (found_at == std::u32string_view::npos) {
      if (should_capture(text)) append_numeral_runs(text, tokens);
      break;
    }
    const std::u32string_view unparsed = text.substr(0, found_at);
    if (!unparsed.empty() && should_capture(unparsed)) append_numeral_runs(unparsed, tokens);
    if (should_capture(found_word)) tokens.emplace_back(found_word);
    text = text.substr(found_at + found_word.size());
  }
  return tokens;
}

bool Locale::tokens_valid(const std::vector<std::u32string>& tokens) const {
  const bool only_keep_tokens = std::all_of(tokens.begin(), tokens.end(), is_always_keep);
  if (only_keep_tokens) return false;
  return std::all_of(tokens.begin(), tokens.end(), [this](const std::u32string& token) {
    return is_digit_token(token) || m_words.count(token) != 0;
  });
}

std::optional<std::string> Locale::translate(std::string_view date_string) const {
  std::vector<std::u32string> tokens = split(prepare(date_string));
  if (!tokens_valid(tokens)) return std::nullopt;

  for (auto& token : tokens) {
    const auto found = m_words.find(token);
    if (found != m_words.end()) token = found->second;
  }
  // A lone "in" (not "in 2 days") is dropped, as dateparser's `_clear_future_words` does.
  const auto in = std::find(tokens.begin(), tokens.end(), U"in");
  if (in != tokens.end()) {
    const bool has_unit = std::any_of(tokens.begin(), tokens.end(), [](const auto& token) {
      return token == U"day" || token == U"week" || token == U"month" || token == U"year" ||
             token == U"hour" || token == U"minute" || token == U"second";
    });
    if (!has_unit) tokens.erase(in);
  }

  std::u32string joined;
  const std::u32string* previous = nullptr;
  for (const auto& token : tokens) {
    if (token.empty()) continue;
    if (previous != nullptr && !is_always_keep(*previous) && !is_always_keep(token)) {
      joined += U' ';
    }
    joined += token;
    previous = &token;
  }
  return to_utf8(joined);
}

std::shared_ptr<const Locale> find_locale(std::string_view code) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const Locale>> built;

  const auto& table = locale_table();
  auto data = std::find_if(table.begin(), table.end(),
                           [&](const LocaleData& entry) { return entry.code == code; });
  if (data == table.end()) {
    // A regional locale (`de-AT`) uses its language's words.
    const auto dash = code.rfind('-');
    if (dash == std::string_view::npos) return nullptr;
    return find_locale(code.substr(0, dash));
  }

  std::lock_guard lock(mutex);
  auto& slot = built[std::string(data->code)];
  if (!slot) slot = std::make_shared<const Locale>(*data);
  return slot;
}

}  // namespace quire::dates
