#include "util/time_zone.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>

namespace quire::util {

Result<std::chrono::seconds> utc_offset(Timestamp moment, std::string_view time_zone) {
  const icu::UnicodeString zone_id = icu::UnicodeString::fromUTF8(
      icu::StringPiece(time_zone.data(), static_cast<int32_t>(time_zone.size())));
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(zone_id));
  if (!zone || *zone == icu::TimeZone::getUnknown()) {
    return fail(ErrorCode::invalid_argument,
                "unknown time zone '" + std::string(time_zone) + "'");
  }
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(moment.time_since_epoch()).count();
  int32_t raw_offset = 0;
  int32_t dst_offset = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(millis), false, raw_offset, dst_offset, status);
  if (U_FAILURE(status)) {
    return fail(ErrorCode::invalid_argument,
                "cannot compute the offset of time zone '" + std::string(time_zone) + "'");
  }
  return std::chrono::seconds((raw_offset + dst_offset) / 1000);
}

Result<Date> local_date(Timestamp moment, std::string_view time_zone) {
  auto offset = utc_offset(moment, time_zone);
  if (!offset) return fail(offset.error());
  const auto local = moment + *offset;
  return Date(std::chrono::floor<std::chrono::days>(local));
}

}  // namespace quire::util
