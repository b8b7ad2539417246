#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quire::media {

/// The most bytes one file-name component may hold (NAME_MAX on Linux, pathvalidate's limit).
inline constexpr std::size_t k_max_component_bytes = 255;

/// Makes `name` usable as one file-name component on every platform, as pathvalidate 3.3's
/// `sanitize_filename(name, replacement_text="-")` with platform "universal" does:
///
/// 1. control characters (U+0000–U+001F, U+007F) and `/ \ : * ? " < > |` become `-`;
/// 2. the result is cut to 255 UTF-8 bytes without splitting a character;
/// 3. a reserved name (`CON`, `PRN`, `AUX`, `CLOCK$`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`,
///    the superscript variants, `.` and `..`; compared case-insensitively, on the part before
///    the last dot or on the whole name) gets `_` after the reserved word; otherwise leading
///    spaces and trailing spaces and dots are stripped.
///
/// The result never contains `/` or NUL and is never `.` or `..`. Empty input gives "".
[[nodiscard]] std::string sanitize_filename(std::string_view name);

/// `text` cut to at most `max_bytes` bytes, dropping a partial trailing UTF-8 sequence.
[[nodiscard]] std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace quire::media
