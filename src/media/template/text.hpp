#pragma once

#include <string>
#include <string_view>

namespace quire::media::tmpl {

/// Unicode helpers for filters, beside those in util/unicode.hpp. Invalid UTF-8 becomes U+FFFD,
/// never an error, so a hostile name cannot make a filter fail halfway.

/// Code points as UTF-8 (the inverse of `util::to_utf32`); surrogates become U+FFFD.
[[nodiscard]] std::string to_utf8(std::u32string_view text);

/// Full Unicode upper-case mapping, as Python's `str.upper()` ("ß" becomes "SS"). For lower
/// case see `util::to_lower`.
[[nodiscard]] std::string unicode_upper(std::string_view text);

/// Compatibility decomposition (NFKD), as used by slugify.
[[nodiscard]] std::string unicode_nfkd(std::string_view text);

/// Canonical composition (NFC), applied to names before they reach the filename.
[[nodiscard]] std::string unicode_nfc(std::string_view text);

}  // namespace quire::media::tmpl
