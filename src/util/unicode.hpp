#pragma once

#include <string>
#include <string_view>

namespace quire::util {

/// `text` lower-cased with Unicode's full case mapping and no locale tailoring, as Python's
/// `str.lower()` does ("İ" becomes "i̇", two code points). Invalid UTF-8 becomes U+FFFD.
[[nodiscard]] std::string to_lower(std::string_view text);

/// The code points of UTF-8 `text`, as Python sees a `str`. Invalid UTF-8 becomes U+FFFD.
[[nodiscard]] std::u32string to_utf32(std::string_view text);

/// `text` in compatibility decomposition (NFKD) with every non-spacing mark (category Mn)
/// removed: "März" becomes "Marz", "ﬁ" becomes "fi". Invalid UTF-8 becomes U+FFFD.
[[nodiscard]] std::string strip_accents(std::string_view text);

}  // namespace quire::util
