#pragma once

#include "dates/locale_data.hpp"
#include "util/regex.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace quire::dates {

/// One dateparser language: decides whether a date string is written in it and translates it
/// to the English form the absolute parser reads, the way dateparser's `Locale.is_applicable`
/// and `Locale.translate` do (numerals to ASCII, accents stripped, lower-cased, number words
/// simplified, split on known words, every token a known word or a number).
///
/// Not reproduced: dateparser's relative-time regexes ("vor 3 Tagen"), which never fit the
/// shapes the date regex extracts. Immutable after construction; shareable between threads.
class Locale {
 public:
  explicit Locale(const LocaleData& data);

  [[nodiscard]] std::string_view code() const { return m_code; }

  /// The English translation of `date_string` (already sanitised), or nothing when some token
  /// is not a word of this language.
  [[nodiscard]] std::optional<std::string> translate(std::string_view date_string) const;

 private:
  struct Simplification {
    util::Regex pattern;
    std::string replacement;
  };

  [[nodiscard]] std::u32string prepare(std::string_view date_string) const;
  [[nodiscard]] std::vector<std::u32string> split(std::u32string_view text) const;
  [[nodiscard]] bool tokens_valid(const std::vector<std::u32string>& tokens) const;

  std::string m_code;
  std::unordered_map<std::u32string, std::u32string> m_words;  ///< word → English ("" = drop)
  std::unordered_map<char32_t, std::vector<std::u32string>> m_words_by_first;  ///< longest first
  std::vector<Simplification> m_simplifications;
};

/// The shared `Locale` for `code` (`de`, `sr-Latn`, or a regional `de-AT` using `de`), built on
/// first use; null when Quire has no data for it. Thread-safe.
[[nodiscard]] std::shared_ptr<const Locale> find_locale(std::string_view code);

/// `raw` cleaned as dateparser's `sanitize_date` does for the strings the date regex can
/// produce: control whitespace and `»`/`·` to spaces, runs of whitespace collapsed, a `.` after
/// anything but a digit or space dropped, trailing colons removed, ends trimmed.
[[nodiscard]] std::string sanitize_date_string(std::string_view raw);

}  // namespace quire::dates
