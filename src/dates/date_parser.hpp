#pragma once

#include "core/error.hpp"
#include "core/time.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::dates {

class Locale;

/// What the date extraction of a document needs from the settings (PAPERLESS_DATE_ORDER,
/// PAPERLESS_FILENAME_DATE_ORDER, PAPERLESS_DATE_PARSER_LANGUAGES, PAPERLESS_OCR_LANGUAGE,
/// PAPERLESS_IGNORE_DATES, PAPERLESS_TIME_ZONE).
struct DateParserOptions {
  std::string date_order = "DMY";
  std::optional<std::string> filename_date_order;  ///< set: the file name is searched first
  std::vector<std::string> languages;  ///< dateparser locales; empty = derived from ocr_language
  std::string ocr_language = "eng";    ///< Tesseract codes such as `deu+eng`
  std::vector<Date> ignore_dates;
  /// The zone callers take `today` in (`util::local_date(now, time_zone)`); dateparser compares
  /// dates at midnight in this zone with the current moment.
  std::string time_zone = "UTC";
};

/// Finds a document's date in its file name and text the way paperless-ngx's `parse_date`
/// does: every match of the date regex (see `date_candidates`), in reading order, is parsed as
/// `dateparser.parse` would with the configured order and languages (month-only dates → the
/// 1st); a date is accepted when its year is after 1900, it is not after `today` and it is not
/// an ignored date.
///
/// Built once (languages resolved, word tables loaded); immutable afterwards and safe to share
/// between threads.
class DateParser {
 public:
  /// Fails with `invalid_argument` for a date order other than DMY, DYM, MDY, MYD, YDM, YMD
  /// (also for `filename_date_order`) or an unknown entry in `languages`. Unknown OCR
  /// languages are skipped; when none is left, every supported language is tried (dateparser's
  /// automatic detection).
  [[nodiscard]] static Result<DateParser> create(DateParserOptions options);

  /// The first acceptable date: in `filename` (with `filename_date_order`) when that order is
  /// set, then in `content`. Nothing when no candidate survives.
  [[nodiscard]] std::optional<Date> extract_date(std::string_view filename,
                                                 std::string_view content, Date today) const;

  /// The first `count` distinct acceptable dates in the same order (the suggestions API).
  [[nodiscard]] std::vector<Date> suggested_dates(std::string_view filename,
                                                  std::string_view content, Date today,
                                                  int count) const;

  /// The locales in the order they are tried; empty when every language is tried.
  [[nodiscard]] const std::vector<std::string>& locales() const { return m_locale_codes; }

 private:
  DateParser() = default;

  /// Calls `accept` with each acceptable date in order until it returns false.
  template <typename Accept>
  void scan(std::string_view filename, std::string_view content, Date today, Accept&& accept) const;

  [[nodiscard]] std::optional<Date> parse_candidate(std::string_view candidate,
                                                    std::string_view order, Date today) const;

  DateParserOptions m_options;
  std::vector<std::string> m_locale_codes;
  std::vector<std::shared_ptr<const Locale>> m_locales;
};

/// PAPERLESS_IGNORE_DATES: comma-separated dates, each read like `dateparser.parse` with
/// `date_order` and every supported language (a missing day becomes today's day). Empty pieces
/// are skipped. Unlike paperless-ngx, which silently drops a value it cannot read, a piece that
/// is not a date fails with `invalid_argument` naming it, so that a typo is noticed at start-up.
[[nodiscard]] Result<std::vector<Date>> parse_ignore_dates(std::string_view raw,
                                                           std::string_view date_order, Date today);

}  // namespace quire::dates
