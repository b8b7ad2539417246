#include "dates/absolute_parser.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace quire::dates {
namespace {

using namespace std::chrono;

enum class Part { day, month, year };

enum class TokenType { digits = 0, letters = 1, other = 2 };

struct Token {
  std::string text;
  TokenType type;
  std::size_t index = 0;  ///< position among all tokens
};

struct PartToken {
  std::string text;
  TokenType type = TokenType::other;
};

constexpr std::array<std::string_view, 12> k_months = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> k_month_abbreviations = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> k_weekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 7> k_weekday_abbreviations = {"mon", "tue", "wed", "thu",
                                                                     "fri", "sat", "sun"};

// Words the absolute parser passes over (dateparser's `skip_tokens`).
constexpr std::array<std::string_view, 4> k_skipped = {"t", "year", "hour", "minute"};

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

TokenType type_of(char c) {
  if (is_ascii_digit(c) || c == ':') return TokenType::digits;
  if (is_ascii_letter(c)) return TokenType::letters;
  return TokenType::other;
}

std::string_view strip(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\n\r\f\v");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\n\r\f\v");
  return text.substr(first, last - first + 1);
}

// dateparser's tokenizer: a token continues while its last character and the next one are both
// digits (or `:`), both ASCII letters, or both neither.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::string current;
  for (const char c : text) {
    if (!current.empty() && type_of(current.back()) != type_of(c)) {
      tokens.push_back({current, type_of(current.back()), tokens.size()});
      current.clear();
    }
    current += c;
  }
  if (!current.empty()) tokens.push_back({current, type_of(current.back()), tokens.size()});
  for (auto& token : tokens) token.text = std::string(strip(token.text));
  return tokens;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_ascii_digit);
}

/// Python's strptime with a single numeric directive (`d`, `m`, `y` or `Y`) on a whole token.
std::optional<int> strptime_number(std::string_view token, char directive) {
  if (!all_digits(token)) return std::nullopt;
  const int value = std::stoi(std::string(token));
  switch (directive) {
    case 'd':
      if (token.size() > 2 || value < 1 || value > 31) return std::nullopt;
      return value;
    case 'm':
      if (token.size() > 2 || value < 1 || value > 12) return std::nullopt;
      return value;
    case 'y':
      if (token.size() != 2) return std::nullopt;
      return value < 69 ? 2000 + value : 1900 + value;
    case 'Y':
      if (token.size() != 4 || value == 0) return std::nullopt;
      return value;
    default:
      return std::nullopt;
  }
}

template <std::size_t N>
std::optional<int> name_index(std::string_view token,
                              const std::array<std::string_view, N>& names) {
  for (std::size_t idx = 0; idx < N; ++idx) {
    const auto name = names[idx];
    const bool same = name.size() == token.size() &&
                      std::equal(name.begin(), name.end(), token.begin(), [](char a, char b) {
                        return a == (is_ascii_letter(b) ? static_cast<char>(b | 0x20) : b);
                      });
    if (same) return static_cast<int>(idx) + 1;
  }
  return std::nullopt;
}

/// `H:MM[:SS]` optionally followed by `am`/`pm`, or `H am`: the forms dateparser's time parser
/// accepts for what the date regex can extract.
bool is_valid_time(std::string_view clock, std::string_view meridian) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto colon = clock.find(':', start);
    fields.push_back(clock.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (fields.size() > 3 || (fields.size() == 1 && meridian.empty())) return false;
  const int limits[] = {meridian.empty() ? 23 : 12, 59, 61};
  for (std::size_t idx = 0; idx < fields.size(); ++idx) {
    if (!all_digits(fields[idx]) || fields[idx].size() > 2) return false;
    const int value = std::stoi(std::string(fields[idx]));
    if (value > limits[idx] || (idx == 0 && !meridian.empty() && value == 0)) return false;
  }
  return true;
}

bool is_hour_minute(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2) return false;
  const std::string_view hour = text.substr(0, colon);
  const std::string_view minute = text.substr(colon + 1);
  if (!all_digits(hour) || !all_digits(minute) || minute.size() != 2) return false;
  return std::stoi(std::string(hour)) <= 23 && std::stoi(std::string(minute)) <= 59;
}

int days_in(int year, int month) {
  return static_cast<int>(static_cast<unsigned>((std::chrono::year{year} / month / last).day()));
}

bool is_leap(int year) { return std::chrono::year{year}.is_leap(); }

/// One run of dateparser's `_parser` over the tokens of one string.
class AbsoluteParser {
 public:
  explicit AbsoluteParser(const AbsoluteSettings& settings) : m_settings(settings) {
    for (const char c : settings.date_order) {
      m_order.push_back(c == 'D' ? Part::day : c == 'M' ? Part::month : Part::year);
    }
  }

  std::optional<Date> parse(std::string_view text);

 private:
  bool read_tokens(std::vector<Token> tokens);
  bool read_time(const std::vector<Token>& all, const std::vector<Token>& filtered,
                 std::size_t index, std::vector<std::size_t>& skip);
  bool read_number(const std::string& token);
  bool read_name(const std::string& token);
  std::optional<Date> complete() const;

  std::optional<int>& value(Part part) {
    return part == Part::day ? m_day : part == Part::month ? m_month : m_year;
  }
  std::optional<PartToken>& token_of(Part part) {
    return part == Part::day ? m_day_token : part == Part::month ? m_month_token : m_year_token;
  }

  const AbsoluteSettings& m_settings;
  std::vector<Part> m_order;
  std::optional<int> m_day, m_month, m_year;
  std::optional<PartToken> m_day_token, m_month_token, m_year_token;
  bool m_weekday = false;
  bool m_time = false;
  bool m_time_valid = true;
  std::vector<Part> m_auto_order;
  std::vector<std::string> m_unset_tokens;
  std::optional<Part> m_skip_part;
};

std::optional<Date> AbsoluteParser::parse(std::string_view text) {
  if (strip(text).empty()) return std::nullopt;
  if (!read_tokens(tokenize(text))) return std::nullopt;

  // Parts still missing take the value of a number that lost its place (the last one).
  for (const Part part : {Part::year, Part::month, Part::day}) {
    if (value(part)) continue;
    for (const auto& token : m_unset_tokens) {
      value(part) = std::stoi(token);
      token_of(part) = PartToken{token, TokenType::digits};
    }
  }
  return complete();
}

bool AbsoluteParser::read_tokens(std::vector<Token> tokens) {
  std::vector<Token> filtered;
  for (const auto& token : tokens) {
    if (token.type != TokenType::other) filtered.push_back(token);
  }

  std::vector<std::size_t> skip;
  for (std::size_t index = 0; index < filtered.size(); ++index) {
    if (std::find(skip.begin(), skip.end(), index) != skip.end()) continue;
    const std::string& token = filtered[index].text;
    if (std::find(k_skipped.begin(), k_skipped.end(), token) != k_skipped.end()) continue;
    if (!m_time && read_time(tokens, filtered, index, skip)) continue;

    const bool ok =
        filtered[index].type == TokenType::digits ? read_number(token) : read_name(token);
    if (!ok) return false;
  }
  return true;
}

// dateparser treats `13.20` (a number, a lone period, a number) and anything with `:` or a
// following am/pm as the time of day. A time only matters here in that it must be valid and
// keeps the day from being replaced.
bool AbsoluteParser::read_time(const std::vector<Token>& all, const std::vector<Token>& filtered,
                               std::size_t index, std::vector<std::size_t>& skip) {
  std::string token = filtered[index].text;
  const std::size_t at = filtered[index].index;
  std::size_t meridian_index = index + 1;

  const bool before_period = at + 1 < all.size() && all[at + 1].text == ".";
  const bool after_period = at != 0 && all[at - 1].text == ".";
  if (before_period && !after_period && index + 1 < filtered.size()) {
    const Token& next = filtered[index + 1];
    const bool next_is_last = index + 1 == filtered.size() - 1;
    const bool no_period_after_next =
        next.index + 1 < all.size() && all[next.index + 1].text != ".";
    if ((next_is_last || no_period_after_next) && is_hour_minute(token + ":" + next.text)) {
      token += ":" + next.text;
      skip.push_back(index + 1);
      ++meridian_index;
    }
  }

  std::string_view meridian;
  if (meridian_index < filtered.size()) {
    const std::string& candidate = filtered[meridian_index].text;
    const auto am = candidate.find("am");
    const auto pm = candidate.find("pm");
    if (am != std::string::npos || pm != std::string::npos) {
      meridian = am < pm ? "am" : "pm";
    }
  }
  if (token.find(':') == std::string::npos && meridian.empty()) return false;

  if (!meridian.empty()) skip.push_back(meridian_index);
  m_time = true;
  m_time_valid = is_valid_time(token, meridian);
  return true;
}

bool AbsoluteParser::read_number(const std::string& token) {
  for (const Part part : m_order) {
    if (m_skip_part == part) continue;
    const std::string_view directives = part == Part::day ? "d" : part == Part::month ? "m" : "yY";
    for (const char directive : directives) {
      const auto parsed = strptime_number(token, directive);
      if (!parsed) continue;
      auto& slot = value(part);
      auto& slot_token = token_of(part);
      const bool replace = !slot || (slot_token->type == TokenType::digits &&
                                     !strptime_number(slot_token->text, directive));
      if (!replace) continue;
      // A number that cannot be read the way the new one is gives up its place.
      if (slot) m_unset_tokens.push_back(slot_token->text);
      slot = parsed;
      slot_token = PartToken{token, TokenType::digits};
      m_auto_order.push_back(part);
      if (part == Part::year && token.size() == 4) m_skip_part = Part::year;
      return true;
    }
  }
  return false;
}

bool AbsoluteParser::read_name(const std::string& token) {
  if (!m_weekday && (name_index(token, k_weekdays) || name_index(token, k_weekday_abbreviations))) {
    m_weekday = true;
    return true;
  }
  auto month = name_index(token, k_months);
  if (!month) month = name_index(token, k_month_abbreviations);
  if (!month) return false;
  if (!m_month) {
    m_month = month;
    m_month_token = PartToken{token, TokenType::letters};
    return true;
  }
  // A second month name: the number read as the month becomes the day, as dateparser does for
  // "5 march" under MDY. Without such a number the string does not parse.
  const auto numeric_month = std::find(m_auto_order.begin(), m_auto_order.end(), Part::month);
  if (numeric_month == m_auto_order.end()) return false;
  *numeric_month = Part::day;
  m_day_token = m_month_token;
  m_month_token = PartToken{token, TokenType::letters};
  m_day = m_month;
  m_month = month;
  return true;
}

std::optional<Date> AbsoluteParser::complete() const {
  if (m_time && !m_time_valid) return std::nullopt;
  const Date& today = m_settings.today;
  int day = m_day.value_or(static_cast<int>(static_cast<unsigned>(today.day())));
  int month = m_month.value_or(static_cast<int>(static_cast<unsigned>(today.month())));
  int year = m_year.value_or(static_cast<int>(today.year()));
  if (month < 1 || month > 12 || year < 1 || year > 9999) return std::nullopt;

  if (day < 1 || day > days_in(year, month)) {
    if (!m_day_token && !m_weekday) {
      day = days_in(year, month);
    } else if (!m_year_token && day == 29 && month == 2 && !is_leap(year)) {
      int next = year + 1;
      while (!is_leap(next)) ++next;
      int previous = year - 1;
      while (!is_leap(previous)) --previous;
      year = next - year < year - previous ? next : previous;
    } else {
      return std::nullopt;
    }
  }

  // A missing month becomes the current one (December when the day does not fit).
  if (!m_month_token) {
    const int current = static_cast<int>(static_cast<unsigned>(today.month()));
    month = day <= days_in(year, current) ? current : 12;
  }
  if (!m_day_token && !m_weekday && !m_time) {
    if (m_settings.day_preference == DayPreference::first) {
      day = 1;
    } else {
      day = std::min(static_cast<int>(static_cast<unsigned>(today.day())), days_in(year, month));
    }
  }
  return Date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
              std::chrono::day{static_cast<unsigned>(day)}};
}

}  // namespace

std::optional<Date> parse_absolute(std::string_view text, const AbsoluteSettings& settings) {
  AbsoluteParser parser(settings);
  return parser.parse(text);
}

}  // namespace quire::dates
