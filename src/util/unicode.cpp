#include "util/unicode.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace quire::util {
namespace {

icu::UnicodeString from_utf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string to_lower(std::string_view text) {
  icu::UnicodeString unicode = from_utf8(text);
  unicode.toLower(icu::Locale::getRoot());
  return to_utf8(unicode);
}

std::u32string to_utf32(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  std::int32_t pos = 0;
  while (pos < length) {
    UChar32 code_point = 0;
    U8_NEXT_OR_FFFD(bytes, pos, length, code_point);
    out.push_back(static_cast<char32_t>(code_point));
  }
  return out;
}

std::string strip_accents(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return std::string(text);  // ICU data missing: leave text unchanged
  const icu::UnicodeString decomposed = nfkd->normalize(from_utf8(text), status);
  if (U_FAILURE(status)) return std::string(text);

  icu::UnicodeString kept;
  for (std::int32_t pos = 0; pos < decomposed.length();) {
    const UChar32 code_point = decomposed.char32At(pos);
    if (u_charType(code_point) != U_NON_SPACING_MARK) kept.append(code_point);
    pos += U16_LENGTH(code_point);
  }
  return to_utf8(kept);
}

}  // namespace quire::util
