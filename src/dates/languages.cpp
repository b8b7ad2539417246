#include "dates/languages.hpp"

#include "dates/locale_data.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace quire::dates {
namespace {

// Tesseract language code → dateparser language, the table paperless-ngx uses
// (paperless/utils.py, OCR_TO_DATEPARSER_LANGUAGES). Codes missing here (for example `nor`) are
// not mapped there either.
constexpr std::pair<std::string_view, std::string_view> k_ocr_to_locale[] = {
    {"afr", "af"}, {"amh", "am"},   {"ara", "ar"}, {"asm", "as"},  {"ast", "ast"}, {"aze", "az"},
    {"bel", "be"}, {"bul", "bg"},   {"ben", "bn"}, {"bod", "bo"},  {"bre", "br"},  {"bos", "bs"},
    {"cat", "ca"}, {"cher", "chr"}, {"ces", "cs"}, {"cym", "cy"},  {"dan", "da"},  {"deu", "de"},
    {"dzo", "dz"}, {"ell", "el"},   {"eng", "en"}, {"epo", "eo"},  {"spa", "es"},  {"est", "et"},
    {"eus", "eu"}, {"fas", "fa"},   {"fin", "fi"}, {"fil", "fil"}, {"fao", "fo"},  {"fra", "fr"},
    {"fry", "fy"}, {"gle", "ga"},   {"gla", "gd"}, {"glg", "gl"},  {"guj", "gu"},  {"heb", "he"},
    {"hin", "hi"}, {"hrv", "hr"},   {"hun", "hu"}, {"hye", "hy"},  {"ind", "id"},  {"isl", "is"},
    {"ita", "it"}, {"jpn", "ja"},   {"kat", "ka"}, {"kaz", "kk"},  {"khm", "km"},  {"knda", "kn"},
    {"kor", "ko"}, {"kir", "ky"},   {"ltz", "lb"}, {"lao", "lo"},  {"lit", "lt"},  {"lav", "lv"},
    {"mal", "ml"}, {"mon", "mn"},   {"mar", "mr"}, {"msa", "ms"},  {"mlt", "mt"},  {"mya", "my"},
    {"nep", "ne"}, {"nld", "nl"},   {"ori", "or"}, {"pan", "pa"},  {"pol", "pl"},  {"pus", "ps"},
    {"por", "pt"}, {"que", "qu"},   {"ron", "ro"}, {"rus", "ru"},  {"sin", "si"},  {"slk", "sk"},
    {"slv", "sl"}, {"sqi", "sq"},   {"srp", "sr"}, {"swe", "sv"},  {"swa", "sw"},  {"tam", "ta"},
    {"tel", "te"}, {"tha", "th"},   {"tir", "ti"}, {"tgl", "tl"},  {"ton", "to"},  {"tur", "tr"},
    {"uig", "ug"}, {"ukr", "uk"},   {"urd", "ur"}, {"uzb", "uz"},  {"via", "vi"},  {"yid", "yi"},
    {"yor", "yo"}, {"chi", "zh"},
};

bool in_table(std::string_view code) {
  const auto& table = locale_table();
  return std::any_of(table.begin(), table.end(),
                     [&](const LocaleData& locale) { return locale.code == code; });
}

void add_unique(std::vector<std::string>& locales, std::string locale) {
  if (std::find(locales.begin(), locales.end(), locale) == locales.end()) {
    locales.push_back(std::move(locale));
  }
}

}  // namespace

bool is_supported_locale(std::string_view code) {
  if (in_table(code)) return true;
  // `de-AT`: a region is an upper-case or numeric suffix after the last `-`.
  const auto dash = code.rfind('-');
  if (dash == std::string_view::npos || dash + 1 >= code.size()) return false;
  const std::string_view region = code.substr(dash + 1);
  const bool is_region = std::all_of(region.begin(), region.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c));
  });
  return is_region && in_table(code.substr(0, dash));
}

std::vector<std::string> locales_for_ocr_languages(std::string_view ocr_languages) {
  std::vector<std::string> locales;
  for (const auto& ocr_language : util::split(ocr_languages, '+')) {
    const auto underscore = ocr_language.find('_');
    const std::string_view language = std::string_view(ocr_language).substr(0, underscore);
    const auto* mapped = std::find_if(std::begin(k_ocr_to_locale), std::end(k_ocr_to_locale),
                                      [&](const auto& entry) { return entry.first == language; });
    if (mapped == std::end(k_ocr_to_locale) || !is_supported_locale(mapped->second)) continue;

    std::string locale(mapped->second);
    if (underscore != std::string::npos && underscore + 1 < ocr_language.size()) {
      // `Cyrl` / `cyrl` → `Cyrl`, as Python's str.title() does for one word.
      std::string script = util::to_lower_ascii(ocr_language.substr(underscore + 1));
      script[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(script[0])));
      if (in_table(locale + "-" + script)) locale += "-" + script;
    }
    add_unique(locales, std::move(locale));
  }
  return locales;
}

Result<std::vector<std::string>> parse_date_parser_languages(std::string_view raw) {
  std::vector<std::string> locales;
  for (auto& piece : util::split(raw, '+')) {
    const std::string locale(util::trim(piece));
    if (!is_supported_locale(locale)) {
      return fail(
          ErrorCode::invalid_argument,
          fmt::format("unknown or unsupported date parser language '{}' in '{}'", locale, raw));
    }
    add_unique(locales, locale);
  }
  return locales;
}

}  // namespace quire::dates
