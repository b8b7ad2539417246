#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::util {

/// ASCII whitespace trimmed from both ends; the view points into `text`.
[[nodiscard]] std::string_view trim(std::string_view text);

/// ASCII letters lower-cased; other bytes (including UTF-8 sequences) unchanged.
[[nodiscard]] std::string to_lower_ascii(std::string_view text);

/// `text` cut at every `separator`; empty pieces are kept.
[[nodiscard]] std::vector<std::string> split(std::string_view text, char separator);

[[nodiscard]] bool starts_with_ignoring_case(std::string_view text, std::string_view prefix);

[[nodiscard]] bool equals_ignoring_case(std::string_view a, std::string_view b);

/// Levenshtein distance, for "did you mean" suggestions.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace quire::util
