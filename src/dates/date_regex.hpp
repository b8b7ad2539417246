#pragma once

#include <string_view>
#include <vector>

namespace quire::dates {

/// Every date-like substring of `text`, in reading order, as paperless-ngx's `DATE_REGEX` finds
/// them with `re.finditer`: leftmost, first alternative wins, non-overlapping. The views point
/// into `text`. The seven alternatives (numeric D.M.Y and Y.M.D with `.`, `/` or `-`, day plus
/// month name plus year, month name plus day and year, word plus year, ordinal day plus word plus
/// year, and day-abbreviation-year) have no real left anchor, so `123.12.2023` yields
/// `23.12.2023`. Case-insensitive and Unicode-aware (`\d` is any decimal digit).
[[nodiscard]] std::vector<std::string_view> date_candidates(std::string_view text);

}  // namespace quire::dates
