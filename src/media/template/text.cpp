#include "media/template/text.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace quire::media::tmpl {
namespace {

std::string from_unicode(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString from_utf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
}

std::string normalize(std::string_view text, const icu::Normalizer2* (*instance)(UErrorCode&)) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = instance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString normalized = normalizer->normalize(from_utf8(text), status);
  return U_FAILURE(status) ? std::string(text) : from_unicode(normalized);
}

}  // namespace

std::string to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t code : text) {
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) code = U'\uFFFD';
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xe0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
  }
  return out;
}

std::string unicode_upper(std::string_view text) {
  return from_unicode(from_utf8(text).toUpper(icu::Locale::getRoot()));
}

std::string unicode_nfkd(std::string_view text) {
  return normalize(text, &icu::Normalizer2::getNFKDInstance);
}

std::string unicode_nfc(std::string_view text) {
  return normalize(text, &icu::Normalizer2::getNFCInstance);
}

}  // namespace quire::media::tmpl
