#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace quire::util {

/// Bytes read as UTF-8, with every invalid sequence replaced.
struct LossyUtf8 {
  std::string text;                ///< valid UTF-8
  std::size_t replaced_count = 0;  ///< how many U+FFFD replacement characters were inserted
};

/// Decodes `bytes` as UTF-8 the way Python's `bytes.decode("utf-8", "replace")` does: each
/// maximal invalid subpart (a bad lead byte, or a lead byte followed by too few valid
/// continuation bytes) becomes one U+FFFD. Overlong forms, surrogates and code points above
/// U+10FFFF are invalid.
[[nodiscard]] LossyUtf8 decode_utf8_lossy(std::string_view bytes);

/// The code point starting at `text[pos]`, advancing `pos` past it. `text` must be valid UTF-8
/// (for example the output of `decode_utf8_lossy`) and `pos < text.size()`; on an invalid
/// sequence the byte itself is returned and `pos` advances by one, so a loop always ends.
[[nodiscard]] char32_t next_code_point(std::string_view text, std::size_t& pos);

/// `code_point` encoded as UTF-8 and appended to `out`.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace quire::util
