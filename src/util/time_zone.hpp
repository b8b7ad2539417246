#pragma once

#include "core/error.hpp"
#include "core/time.hpp"

#include <chrono>
#include <string_view>

namespace quire::util {

/// The calendar date of `moment` in the IANA zone `time_zone` (e.g. "Europe/Berlin"), as
/// paperless-ngx's `timezone.localdate`. Fails with `invalid_argument` for a zone ICU does not
/// know.
[[nodiscard]] Result<Date> local_date(Timestamp moment, std::string_view time_zone);

/// The offset of `time_zone` from UTC at `moment` (daylight saving included).
[[nodiscard]] Result<std::chrono::seconds> utc_offset(Timestamp moment, std::string_view time_zone);

}  // namespace quire::util
