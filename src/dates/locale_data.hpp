#pragma once

#include <string_view>
#include <vector>

namespace quire::dates {

/// One dateparser language as generated data: `code` (e.g. "de", "sr-Latn") and `entries`,
/// lines of `word<TAB>english` (english empty for a known word that translation drops) and
/// `=word<TAB>number` (a simplification applied before splitting). Words are lower-case and
/// accent-stripped, as dateparser normalises them.
struct LocaleData {
  std::string_view code;
  std::string_view entries;
};

/// Every supported language, in dateparser's language order (the order in which locales are
/// tried when several apply).
[[nodiscard]] const std::vector<LocaleData>& locale_table();

}  // namespace quire::dates
