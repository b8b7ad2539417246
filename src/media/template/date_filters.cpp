// The two date filters: `datetime` (C strftime) and `localize_date` (CLDR via ICU, standing in
// for Babel in paperless-ngx).
#include "media/template/filters.hpp"

#include <fmt/format.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <array>
#include <cctype>
#include <ctime>
#include <memory>
#include <regex>

namespace quire::media::tmpl {
namespace {

tl::unexpected<Error> date_error(std::string message) {
  return fail(ErrorCode::invalid_argument, std::move(message));
}

/// Django's parse_date: `YYYY-M-D` with one- or two-digit month and day. Well-formed but
/// impossible dates (2020-02-30) are an error; other strings give nothing.
Result<std::optional<Date>> parse_date_text(const std::string& text) {
  static const std::regex k_pattern(R"(^(\d{4})-(\d{1,2})-(\d{1,2})$)");
  std::smatch match;
  // The length check keeps std::regex (which recurses per character) away from huge input.
  if (text.size() > 16 || !std::regex_match(text, match, k_pattern)) return std::optional<Date>();
  const Date date{std::chrono::year{std::stoi(match[1])},
                  std::chrono::month{static_cast<unsigned>(std::stoi(match[2]))},
                  std::chrono::day{static_cast<unsigned>(std::stoi(match[3]))}};
  if (!date.ok()) return date_error(fmt::format("invalid date '{}'", text));
  return std::optional<Date>(date);
}

/// ISO 8601 date or date-time as Python's fromisoformat reads it; a date alone is midnight.
/// An offset is applied so the result is UTC.
Result<Timestamp> parse_iso_datetime(const std::string& text) {
  static const std::regex k_pattern(
      R"(^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)"
      R"((Z|[+-]\d{2}:?\d{2})?)?$)");
  std::smatch match;
  if (text.size() > 40 || !std::regex_match(text, match, k_pattern)) {
    return date_error(fmt::format("cannot parse '{}' as a date or date-time", text.substr(0, 40)));
  }
  const Date date{std::chrono::year{std::stoi(match[1])},
                  std::chrono::month{static_cast<unsigned>(std::stoi(match[2]))},
                  std::chrono::day{static_cast<unsigned>(std::stoi(match[3]))}};
  if (!date.ok()) return date_error(fmt::format("invalid date '{}'", text));
  const auto field = [&](int index) { return match[index].matched ? std::stoi(match[index]) : 0; };
  std::string micros = match[7].matched ? match[7].str() : "0";
  micros.resize(6, '0');
  Timestamp moment = std::chrono::sys_days{date} + std::chrono::hours{field(4)} +
                     std::chrono::minutes{field(5)} + std::chrono::seconds{field(6)} +
                     std::chrono::microseconds{std::stoi(micros)};
  if (match[8].matched && match[8].str() != "Z") {
    std::string offset = match[8].str();
    std::erase(offset, ':');
    const int sign = offset[0] == '-' ? -1 : 1;
    const auto shift = std::chrono::hours{std::stoi(offset.substr(1, 2))} +
                       std::chrono::minutes{std::stoi(offset.substr(3, 2))};
    moment -= sign * shift;
  }
  return moment;
}

std::tm to_tm(Timestamp moment) {
  const auto day = std::chrono::floor<std::chrono::days>(moment);
  const Date date{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(moment - day)};
  const std::chrono::weekday weekday{day};
  const auto year_start = std::chrono::sys_days{date.year() / std::chrono::January / 1};
  std::tm tm{};
  tm.tm_year = static_cast<int>(date.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
  tm.tm_hour = static_cast<int>(time.hours().count());
  tm.tm_min = static_cast<int>(time.minutes().count());
  tm.tm_sec = static_cast<int>(time.seconds().count());
  tm.tm_wday = static_cast<int>(weekday.c_encoding());
  tm.tm_yday = static_cast<int>((day - year_start).count());
  tm.tm_isdst = 0;
  return tm;
}

Result<std::string> run_strftime(const std::tm& tm, std::string_view format) {
  if (format.empty()) return std::string();
  if (format.size() > 256) return date_error("datetime(): format longer than 256 characters");
  std::array<char, 4096> buffer{};
  const std::string pattern(format);
  const std::size_t length = std::strftime(buffer.data(), buffer.size(), pattern.c_str(), &tm);
  // strftime reports overflow and an empty result alike; a format that yields nothing (such as
  // "%p" in a locale without AM/PM) is rare enough to treat as empty.
  return std::string(buffer.data(), length);
}

/// Babel raises for identifiers it has no data for; ICU answers with fallbacks instead, so the
/// identifier is checked against ICU's list of locales with data.
Result<icu::Locale> find_locale(std::string_view identifier) {
  static const std::regex k_shape(R"(^[A-Za-z]{2,3}(_[A-Za-z]{4})?(_([A-Za-z]{2}|\d{3}))?$)");
  const std::string id(identifier);
  if (id.size() > 16 || !std::regex_match(id, k_shape)) {
    return date_error(fmt::format("Invalid locale identifier: {}", identifier));
  }
  const icu::Locale wanted = icu::Locale::createCanonical(id.c_str());
  std::int32_t count = 0;
  const icu::Locale* available = icu::Locale::getAvailableLocales(count);
  for (std::int32_t i = 0; i < count; ++i) {
    if (std::string_view(available[i].getName()) == wanted.getName()) return wanted;
  }
  return date_error(fmt::format("Invalid locale identifier: {}", identifier));
}

std::unique_ptr<icu::DateFormat> make_formatter(std::string_view format, const icu::Locale& locale,
                                                bool with_time) {
  static const std::array<std::pair<std::string_view, icu::DateFormat::EStyle>, 4> k_styles = {{
      {"short", icu::DateFormat::kShort},
      {"medium", icu::DateFormat::kMedium},
      {"long", icu::DateFormat::kLong},
      {"full", icu::DateFormat::kFull},
  }};
  for (const auto& [name, style] : k_styles) {
    if (format != name) continue;
    return std::unique_ptr<icu::DateFormat>(
        with_time ? icu::DateFormat::createDateTimeInstance(style, style, locale)
                  : icu::DateFormat::createDateInstance(style, locale));
  }
  UErrorCode status = U_ZERO_ERROR;
  auto pattern = icu::UnicodeString::fromUTF8(
      icu::StringPiece(format.data(), static_cast<std::int32_t>(format.size())));
  auto formatter = std::make_unique<icu::SimpleDateFormat>(pattern, locale, status);
  if (U_FAILURE(status)) return nullptr;
  return formatter;
}

}  // namespace

Result<std::string> format_datetime(const Value& input, std::string_view format) {
  if (input.is_undefined()) return fail(undefined_error(input));
  if (input.holds<Date>())
    return run_strftime(to_tm(std::chrono::sys_days{input.as<Date>()}), format);
  if (input.holds<Timestamp>()) return run_strftime(to_tm(input.as<Timestamp>()), format);
  if (input.holds<std::string>()) {
    auto date = parse_date_text(input.as<std::string>());
    if (!date) return fail(date.error());
    if (*date) return run_strftime(to_tm(std::chrono::sys_days{**date}), format);
  }
  return date_error(
      fmt::format("datetime(): cannot format {} value {}", input.type_name(), repr(input)));
}

Result<std::string> localize_date(const Value& input, std::string_view format,
                                  std::string_view locale_id) {
  if (input.is_undefined()) return fail(undefined_error(input));
  std::optional<Timestamp> moment;
  bool with_time = true;
  if (input.holds<std::string>()) {
    auto parsed = parse_iso_datetime(input.as<std::string>());
    if (!parsed) return fail(parsed.error());
    moment = *parsed;
  } else if (input.holds<Timestamp>()) {
    moment = input.as<Timestamp>();
  } else if (input.holds<Date>()) {
    moment = std::chrono::sys_days{input.as<Date>()};
    with_time = false;
  } else {
    return date_error(fmt::format("Unsupported type {} for localize_date", input.type_name()));
  }
  auto locale = find_locale(locale_id);
  if (!locale) return fail(locale.error());

  auto formatter = make_formatter(format, *locale, with_time);
  if (!formatter) return date_error(fmt::format("invalid date pattern '{}'", format));
  formatter->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(moment->time_since_epoch()).count();
  icu::UnicodeString formatted;
  formatter->format(static_cast<UDate>(millis), formatted);
  std::string out;
  formatted.toUTF8String(out);
  return out;
}

}  // namespace quire::media::tmpl
