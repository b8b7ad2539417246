#include "dates/date_parser.hpp"

#include "dates/absolute_parser.hpp"
#include "dates/date_regex.hpp"
#include "dates/languages.hpp"
#include "dates/locale.hpp"
#include "dates/locale_data.hpp"
#include "util/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace quire::dates {
namespace {

constexpr std::array<std::string_view, 6> k_date_orders = {"DMY", "DYM", "MDY",
                                                           "MYD", "YDM", "YMD"};

Status check_order(std::string_view order, std::string_view setting) {
  if (std::find(k_date_orders.begin(), k_date_orders.end(), order) != k_date_orders.end()) {
    return {};
  }
  return fail(
      ErrorCode::invalid_argument,
      fmt::format("invalid {} '{}': expected one of DMY, DYM, MDY, MYD, YDM, YMD", setting, order));
}

/// Position of a locale in dateparser's language order; a regional locale ranks as its
/// language. dateparser tries the configured locales in this order, not the given one.
std::size_t language_rank(std::string_view code) {
  const auto& table = locale_table();
  for (std::size_t rank = 0; rank < table.size(); ++rank) {
    if (table[rank].code == code) return rank;
  }
  const auto dash = code.rfind('-');
  return dash == std::string_view::npos ? table.size() : language_rank(code.substr(0, dash));
}

std::vector<std::shared_ptr<const Locale>> load_locales(std::vector<std::string> codes) {
  if (codes.empty()) {
    for (const auto& entry : locale_table()) codes.emplace_back(entry.code);
  }
  std::stable_sort(codes.begin(), codes.end(), [](const auto& a, const auto& b) {
    return language_rank(a) < language_rank(b);
  });
  std::vector<std::shared_ptr<const Locale>> locales;
  for (const auto& code : codes) {
    if (auto locale = find_locale(code)) locales.push_back(std::move(locale));
  }
  return locales;
}

/// `dateparser.parse(text)` for the forms the date regex extracts: the first locale whose words
/// cover the string and whose translation the absolute parser reads wins.
std::optional<Date> parse_with_locales(std::string_view text,
                                       const std::vector<std::shared_ptr<const Locale>>& locales,
                                       const AbsoluteSettings& settings) {
  const std::string sanitized = sanitize_date_string(text);
  if (sanitized.empty()) return std::nullopt;
  for (const auto& locale : locales) {
    const auto translated = locale->translate(sanitized);
    if (!translated) continue;
    if (auto date = parse_absolute(*translated, settings)) return date;
  }
  return std::nullopt;
}

}  // namespace

Result<DateParser> DateParser::create(DateParserOptions options) {
  if (auto status = check_order(options.date_order, "date order"); !status) {
    return fail(status.error());
  }
  if (options.filename_date_order) {
    auto status = check_order(*options.filename_date_order, "filename date order");
    if (!status) return fail(status.error());
  }

  std::vector<std::string> codes;
  if (!options.languages.empty()) {
    for (const auto& language : options.languages) {
      if (!is_supported_locale(language)) {
        return fail(ErrorCode::invalid_argument,
                    fmt::format("unknown or unsupported date parser language '{}'", language));
      }
      codes.push_back(language);
    }
  } else {
    codes = locales_for_ocr_languages(options.ocr_language);
  }

  DateParser parser;
  parser.m_locales = load_locales(codes);
  for (const auto& locale : parser.m_locales) {
    if (!codes.empty()) parser.m_locale_codes.emplace_back(locale->code());
  }
  parser.m_options = std::move(options);
  return parser;
}

std::optional<Date> DateParser::parse_candidate(std::string_view candidate, std::string_view order,
                                                Date today) const {
  const AbsoluteSettings settings{order, DayPreference::first, today};
  return parse_with_locales(candidate, m_locales, settings);
}

template <typename Accept>
void DateParser::scan(std::string_view filename, std::string_view content, Date today,
                      Accept&& accept) const {
  const auto& ignored = m_options.ignore_dates;
  // Returns false once `accept` asks to stop.
  auto scan_text = [&](std::string_view text, std::string_view order) {
    for (const auto candidate : date_candidates(text)) {
      const auto date = parse_candidate(candidate, order, today);
      if (!date || static_cast<int>(date->year()) <= 1900 || *date > today) continue;
      if (std::find(ignored.begin(), ignored.end(), *date) != ignored.end()) continue;
      if (!accept(*date)) return false;
    }
    return true;
  };

  if (m_options.filename_date_order && !scan_text(filename, *m_options.filename_date_order)) {
    return;
  }
  scan_text(content, m_options.date_order);
}

std::optional<Date> DateParser::extract_date(std::string_view filename, std::string_view content,
                                             Date today) const {
  std::optional<Date> found;
  scan(filename, content, today, [&](Date date) {
    found = date;
    return false;
  });
  return found;
}

std::vector<Date> DateParser::suggested_dates(std::string_view filename, std::string_view content,
                                              Date today, int count) const {
  std::vector<Date> dates;
  if (count <= 0) return dates;
  scan(filename, content, today, [&](Date date) {
    if (std::find(dates.begin(), dates.end(), date) == dates.end()) dates.push_back(date);
    return static_cast<int>(dates.size()) < count;
  });
  return dates;
}

Result<std::vector<Date>> parse_ignore_dates(std::string_view raw, std::string_view date_order,
                                             Date today) {
  if (auto status = check_order(date_order, "date order"); !status) return fail(status.error());
  // paperless-ngx reads these with dateparser's defaults apart from the order, so a date
  // without a day takes today's day.
  const AbsoluteSettings settings{date_order, DayPreference::current, today};

  std::vector<Date> dates;
  for (const auto& piece : util::split(raw, ',')) {
    const std::string_view value = util::trim(piece);
    if (value.empty()) continue;
    // Every locale together takes about 5 MB, so they are built only once a date is given.
    static const auto every_locale = load_locales({});
    const auto date = parse_with_locales(value, every_locale, settings);
    if (!date) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("ignore date '{}' is not a date (PAPERLESS_IGNORE_DATES)", value));
    }
    dates.push_back(*date);
  }
  return dates;
}

}  // namespace quire::dates
