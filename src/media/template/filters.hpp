#pragma once

#include "core/error.hpp"
#include "media/template/value.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace quire::media::tmpl {

/// Evaluated arguments of a filter, test or method call.
struct CallArgs {
  std::vector<Value> positional;
  std::map<std::string, Value, std::less<>> named;
};

/// Bounds every filter respects, so that no filter can allocate beyond the render budget.
struct FilterLimits {
  std::size_t max_bytes = 64 * 1024;
};

/// Applies the filter `name` (Jinja built-ins that make sense for file names, plus
/// paperless-ngx's `get_cf_value`, `datetime`, `slugify` and `localize_date`). An unknown
/// filter, a wrong argument, an undefined input (except for `default`) or an oversized result
/// fails with `invalid_argument`.
[[nodiscard]] Result<Value> apply_filter(std::string_view name, const Value& input,
                                         const CallArgs& args, const FilterLimits& limits);

/// Evaluates the Jinja test `name` (`defined`, `none`, `number`, `divisibleby`, …).
[[nodiscard]] Result<bool> apply_test(std::string_view name, const Value& input,
                                      const CallArgs& args);

/// Calls one of the whitelisted read-only methods of strings (`lower`, `replace`, `split`, …)
/// and mappings (`get`, `items`, `keys`, `values`). Every other call is refused.
[[nodiscard]] Result<Value> call_method(const Value& object, std::string_view method,
                                        const CallArgs& args, const FilterLimits& limits);

/// `strftime` of a date or timestamp (UTC), or of a `YYYY-MM-DD` string (paperless's
/// `datetime` filter). Month and day names are English, as in the C locale.
[[nodiscard]] Result<std::string> format_datetime(const Value& input, std::string_view format);

/// paperless's `localize_date` filter over ICU's CLDR data: `format` is `short`, `medium`,
/// `long`, `full` or a CLDR pattern; `locale` an identifier such as `en_US`. Unknown locales
/// fail with `invalid_argument`.
[[nodiscard]] Result<std::string> localize_date(const Value& input, std::string_view format,
                                                std::string_view locale);

/// Django's slugify: NFKD, ASCII only, lower case, punctuation dropped, runs of spaces and
/// hyphens joined into one hyphen, hyphens and underscores trimmed at both ends.
[[nodiscard]] std::string slugify(std::string_view text);

}  // namespace quire::media::tmpl
