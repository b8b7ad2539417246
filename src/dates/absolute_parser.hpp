#pragma once

#include "core/time.hpp"

#include <optional>
#include <string_view>

namespace quire::dates {

/// How a date without a day is completed (dateparser's `PREFER_DAY_OF_MONTH`).
enum class DayPreference { first, current };

struct AbsoluteSettings {
  std::string_view date_order = "DMY";  ///< DMY, DYM, MDY, MYD, YDM or YMD
  DayPreference day_preference = DayPreference::first;
  Date today;  ///< fills a missing month or year (and the day for `current`)
};

/// dateparser's absolute-time parser (`parser._parser`) on an English date string such as
/// `31. december 2023` or `1/2/23`: numbers are assigned to day, month and year in
/// `date_order`, trying each directive (`%d`, `%m`, `%y`, `%Y`) as Python's strptime would;
/// month and weekday names are recognised; a four-digit year stops later numbers being read as
/// a year; missing parts come from `today`, then a missing month becomes today's month and a
/// missing day the first (or today's day). Two-digit years follow strptime: 00–68 → 20xx,
/// 69–99 → 19xx. Nothing when the string does not parse or names an impossible date.
[[nodiscard]] std::optional<Date> parse_absolute(std::string_view text,
                                                 const AbsoluteSettings& settings);

}  // namespace quire::dates
