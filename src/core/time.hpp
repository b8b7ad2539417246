#pragma once

#include <chrono>

namespace quire {

/// A moment, stored in UTC with microsecond precision (Django's `DateTimeField`).
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

/// A calendar date without a zone (Django's `DateField`, e.g. `Document::created`).
using Date = std::chrono::year_month_day;

}  // namespace quire
