#pragma once

#include "core/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace quire::dates {

/// The dateparser locales for Tesseract language codes such as `deu+eng` or `aze_Cyrl`, as
/// paperless-ngx derives them when `PAPERLESS_DATE_PARSER_LANGUAGES` is unset: each code is
/// mapped through paperless-ngx's fixed table (eng→en, deu→de, fra→fr, …); a script suffix is
/// kept as `az-Cyrl` when that locale exists, else dropped; unknown codes are skipped;
/// duplicates are removed. An empty result means "detect the language automatically".
[[nodiscard]] std::vector<std::string> locales_for_ocr_languages(std::string_view ocr_languages);

/// `PAPERLESS_DATE_PARSER_LANGUAGES` (e.g. `en+de`) split on `+`, duplicates removed. Fails
/// with `invalid_argument` naming the first locale Quire does not know (Chinese and Japanese,
/// which dateparser splits without spaces, are not supported).
[[nodiscard]] Result<std::vector<std::string>> parse_date_parser_languages(std::string_view raw);

/// Whether `code` (a language such as `de`, or a language with region such as `de-AT`) can be
/// used; a region falls back to its language's words.
[[nodiscard]] bool is_supported_locale(std::string_view code);

}  // namespace quire::dates
