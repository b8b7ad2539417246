#include "media/template/filters.hpp"

#include "media/template/text.hpp"
#include "util/unicode.hpp"

#include <fmt/format.h>
#include <fmt/printf.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

namespace quire::media::tmpl {
namespace {

tl::unexpected<Error> filter_error(std::string message) {
  return fail(ErrorCode::invalid_argument, std::move(message));
}

/// The argument at `index` or named `name`, or nullptr.
const Value* argument(const CallArgs& args, std::size_t index, std::string_view name) {
  if (index < args.positional.size()) return &args.positional[index];
  const auto found = args.named.find(name);
  return found == args.named.end() ? nullptr : &found->second;
}

Result<std::string> text_argument(const CallArgs& args, std::size_t index, std::string_view name,
                                  std::string_view filter, std::optional<std::string> fallback) {
  const Value* value = argument(args, index, name);
  if (value == nullptr) {
    if (fallback) return *fallback;
    return filter_error(fmt::format("{}() is missing the argument '{}'", filter, name));
  }
  return to_text(*value);
}

Result<std::int64_t> int_argument(const CallArgs& args, std::size_t index, std::string_view name,
                                  std::int64_t fallback) {
  const Value* value = argument(args, index, name);
  if (value == nullptr || value->is_none()) return fallback;
  if (value->holds<std::int64_t>()) return value->as<std::int64_t>();
  if (value->holds<bool>()) return value->as<bool>() ? 1 : 0;
  return filter_error(
      fmt::format("argument '{}' must be an integer, not {}", name, value->type_name()));
}

bool flag_argument(const CallArgs& args, std::size_t index, std::string_view name) {
  const Value* value = argument(args, index, name);
  if (value == nullptr) return false;
  const auto result = truthy(*value);
  return result && *result;
}

Status check_size(std::size_t bytes, const FilterLimits& limits) {
  if (bytes <= limits.max_bytes) return {};
  return filter_error(fmt::format("template result exceeds {} bytes", limits.max_bytes));
}

std::string replace_all(std::string_view text, std::string_view old_text, std::string_view new_text,
                        std::int64_t count) {
  std::string out;
  std::size_t pos = 0;
  std::int64_t done = 0;
  if (old_text.empty()) {
    // Python inserts the replacement between every character (and at both ends).
    const std::u32string chars = util::to_utf32(text);
    for (const char32_t c : chars) {
      if (count < 0 || done++ < count) out += new_text;
      out += to_utf8(std::u32string_view(&c, 1));
    }
    if (count < 0 || done < count) out += new_text;
    return out;
  }
  while (count < 0 || done < count) {
    const std::size_t found = text.find(old_text, pos);
    if (found == std::string_view::npos) break;
    out.append(text.substr(pos, found - pos));
    out.append(new_text);
    pos = found + old_text.size();
    ++done;
  }
  out.append(text.substr(pos));
  return out;
}

/// Filters may build text up to this size before the render budget is checked on output.
constexpr std::size_t k_max_intermediate_bytes = 16 * 1024 * 1024;

/// The size `text` would have after replacing every `old_text` by `new_size` bytes.
std::size_t replaced_size(std::string_view text, std::string_view old_text, std::size_t new_size) {
  if (old_text.empty()) return text.size() + (text.size() + 1) * new_size;
  std::size_t size = text.size();
  for (std::size_t pos = text.find(old_text); pos != std::string_view::npos;
       pos = text.find(old_text, pos + old_text.size())) {
    size = size - old_text.size() + new_size;
  }
  return size;
}

bool is_unicode_space(char32_t c) {
  return c == U' ' || (c >= U'\t' && c <= U'\r') || c == U'\x1c' || c == U'\x1d' || c == U'\x1e' ||
         c == U'\x1f' || c == U'\x85' || c == U'\xa0' || c == U'\u3000' ||
         (c >= U'\u2000' && c <= U'\u200a') || c == U'\u2028' || c == U'\u2029' || c == U'\u202f' ||
         c == U'\u205f' || c == U'\u1680';
}

std::string strip(std::string_view text, std::optional<std::string_view> chars, bool left,
                  bool right) {
  std::u32string value = util::to_utf32(text);
  const std::u32string set = chars ? util::to_utf32(*chars) : std::u32string();
  const auto strip_char = [&](char32_t c) {
    return chars ? set.find(c) != std::u32string::npos : is_unicode_space(c);
  };
  std::size_t begin = 0;
  std::size_t end = value.size();
  while (left && begin < end && strip_char(value[begin])) ++begin;
  while (right && end > begin && strip_char(value[end - 1])) --end;
  return to_utf8(std::u32string_view(value).substr(begin, end - begin));
}

std::string capitalize_word(std::u32string_view word) {
  if (word.empty()) return {};
  return unicode_upper(to_utf8(word.substr(0, 1))) + util::to_lower(to_utf8(word.substr(1)));
}

/// Jinja's title: words start after whitespace, '-', '(', '{', '[' or '<'.
std::string title_case(std::string_view text) {
  const std::u32string chars = util::to_utf32(text);
  const auto is_break = [](char32_t c) {
    return is_unicode_space(c) || c == U'-' || c == U'(' || c == U'{' || c == U'[' || c == U'<';
  };
  std::string out;
  std::size_t i = 0;
  while (i < chars.size()) {
    std::size_t j = i;
    const bool breaking = is_break(chars[i]);
    while (j < chars.size() && is_break(chars[j]) == breaking) ++j;
    const std::u32string_view piece = std::u32string_view(chars).substr(i, j - i);
    out += breaking ? to_utf8(piece) : capitalize_word(piece);
    i = j;
  }
  return out;
}

std::vector<Value> split_text(std::string_view text, const Value* separator) {
  std::vector<Value> parts;
  if (separator == nullptr || separator->is_none()) {
    const std::u32string chars = util::to_utf32(text);
    std::u32string word;
    for (const char32_t c : chars) {
      if (!is_unicode_space(c)) {
        word += c;
      } else if (!word.empty()) {
        parts.emplace_back(to_utf8(word));
        word.clear();
      }
    }
    if (!word.empty()) parts.emplace_back(to_utf8(word));
    return parts;
  }
  const std::string sep = separator->holds<std::string>() ? separator->as<std::string>() : " ";
  std::size_t pos = 0;
  while (!sep.empty()) {
    const std::size_t found = text.find(sep, pos);
    if (found == std::string_view::npos) break;
    parts.emplace_back(std::string(text.substr(pos, found - pos)));
    pos = found + sep.size();
  }
  parts.emplace_back(std::string(text.substr(pos)));
  return parts;
}

Result<List> as_sequence(const Value& input, std::string_view filter) {
  auto items = to_sequence(input);
  if (!items && !input.is_undefined()) {
    return filter_error(fmt::format("{}(): {}", filter, items.error().message));
  }
  return items;
}

Result<double> as_number(const Value& value) {
  if (value.holds<std::int64_t>()) return static_cast<double>(value.as<std::int64_t>());
  if (value.holds<double>()) return value.as<double>();
  if (value.holds<bool>()) return value.as<bool>() ? 1.0 : 0.0;
  return filter_error(fmt::format("expected a number, not {}", value.type_name()));
}

/// Ordering used by sort/min/max: numbers numerically, strings by code point (optionally
/// case-folded), otherwise by type.
bool value_less(const Value& a, const Value& b, bool case_sensitive) {
  if (a.is_number() && b.is_number()) return *as_number(a) < *as_number(b);
  if (a.holds<std::string>() && b.holds<std::string>()) {
    if (case_sensitive) return a.as<std::string>() < b.as<std::string>();
    return util::to_lower(a.as<std::string>()) < util::to_lower(b.as<std::string>());
  }
  if (a.holds<Date>() && b.holds<Date>()) return a.as<Date>() < b.as<Date>();
  return a.storage().index() < b.storage().index();
}

Value attribute_of(const Value& value, const std::string& name) {
  if (const Object* object = value.object()) {
    const auto found = object->fields.find(name);
    if (found != object->fields.end()) return found->second;
  }
  return Value(
      Undefined{fmt::format("'{}' object has no attribute '{}'", value.type_name(), name)});
}

/// printf-style `%` formatting for the `format` filter: %s %d %i %f %x %% with flags, width and
/// precision. Everything else is refused rather than passed to the C library.
Result<std::string> percent_format(std::string_view pattern, const List& values) {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      out += pattern[i];
      continue;
    }
    std::size_t j = i + 1;
    while (j < pattern.size() &&
           std::string_view("-+ 0#").find(pattern[j]) != std::string_view::npos)
      ++j;
    while (j < pattern.size() &&
           (std::isdigit(static_cast<unsigned char>(pattern[j])) || pattern[j] == '.'))
      ++j;
    if (j >= pattern.size() || j - i > 8) return filter_error("format(): incomplete format");
    const char conversion = pattern[j];
    const std::string spec(pattern.substr(i, j - i));
    i = j;
    if (conversion == '%') {
      out += '%';
      continue;
    }
    if (next >= values.size())
      return filter_error("format(): not enough arguments for format string");
    const Value& value = values[next++];
    if (conversion == 's') {
      auto text = to_text(value);
      if (!text) return fail(text.error());
      out += fmt::sprintf(spec + "s", *text);
    } else if (conversion == 'd' || conversion == 'i' || conversion == 'x') {
      auto number = as_number(value);
      if (!number) return fail(number.error());
      out +=
          fmt::sprintf(spec + (conversion == 'x' ? "llx" : "lld"), static_cast<long long>(*number));
    } else if (conversion == 'f') {
      auto number = as_number(value);
      if (!number) return fail(number.error());
      out += fmt::sprintf(spec + "f", *number);
    } else {
      return filter_error(fmt::format("format(): unsupported conversion '%{}'", conversion));
    }
  }
  return out;
}

using FilterFn = std::function<Result<Value>(const Value&, const CallArgs&, const FilterLimits&)>;

/// Wraps a filter over text: the input is printed first (strict about undefined values).
template <typename F>
FilterFn text_filter(F transform) {
  return [transform](const Value& input, const CallArgs& args,
                     const FilterLimits& limits) -> Result<Value> {
    auto text = to_text(input);
    if (!text) return fail(text.error());
    Result<std::string> result = transform(*text, args);
    if (!result) return fail(result.error());
    if (auto size = check_size(result->size(), limits); !size) return fail(size.error());
    return Value(std::move(*result));
  };
}

Result<Value> filter_default(const Value& input, const CallArgs& args, const FilterLimits&) {
  const Value* fallback = argument(args, 0, "default_value");
  const bool boolean = flag_argument(args, 1, "boolean");
  bool use_fallback = input.is_undefined();
  if (!use_fallback && boolean) {
    auto truth = truthy(input);
    use_fallback = !truth || !*truth;
  }
  if (!use_fallback) return input;
  return fallback ? *fallback : Value(std::string());
}

Result<Value> filter_length(const Value& input, const CallArgs&, const FilterLimits&) {
  if (input.holds<std::string>()) {
    return Value(static_cast<std::int64_t>(util::to_utf32(input.as<std::string>()).size()));
  }
  if (const List* list = input.list()) return Value(static_cast<std::int64_t>(list->size()));
  if (const Object* object = input.object()) {
    return Value(static_cast<std::int64_t>(object->fields.size()));
  }
  if (input.is_undefined()) return fail(undefined_error(input));
  return filter_error(fmt::format("object of type '{}' has no len()", input.type_name()));
}

Result<Value> filter_first_last(const Value& input, bool first) {
  auto items = as_sequence(input, first ? "first" : "last");
  if (!items) return fail(items.error());
  if (items->empty()) {
    return Value(Undefined{fmt::format("{}(): sequence is empty", first ? "first" : "last")});
  }
  return first ? items->front() : items->back();
}

Result<Value> filter_extreme(const Value& input, bool largest) {
  const char* name = largest ? "max" : "min";
  auto items = as_sequence(input, name);
  if (!items) return fail(items.error());
  if (items->empty()) return Value(Undefined{fmt::format("{}(): sequence is empty", name)});
  const auto less = [](const Value& a, const Value& b) { return value_less(a, b, false); };
  return largest ? *std::max_element(items->begin(), items->end(), less)
                 : *std::min_element(items->begin(), items->end(), less);
}

Result<Value> filter_join(const Value& input, const CallArgs& args, const FilterLimits& limits) {
  auto items = as_sequence(input, "join");
  if (!items) return fail(items.error());
  auto separator = text_argument(args, 0, "d", "join", std::string());
  if (!separator) return fail(separator.error());
  const Value* attribute = argument(args, 1, "attribute");
  std::string out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (i > 0) out += *separator;
    const Value item = attribute && attribute->holds<std::string>()
                           ? attribute_of((*items)[i], attribute->as<std::string>())
                           : (*items)[i];
    auto text = to_text(item);
    if (!text) return fail(text.error());
    out += *text;
    if (auto size = check_size(out.size(), limits); !size) return fail(size.error());
  }
  return Value(std::move(out));
}

Result<Value> filter_sort(const Value& input, const CallArgs& args, const FilterLimits&) {
  auto items = as_sequence(input, "sort");
  if (!items) return fail(items.error());
  const bool reverse = flag_argument(args, 0, "reverse");
  const bool case_sensitive = flag_argument(args, 1, "case_sensitive");
  const Value* attribute = argument(args, 2, "attribute");
  const auto key = [&](const Value& item) {
    return attribute && attribute->holds<std::string>()
               ? attribute_of(item, attribute->as<std::string>())
               : item;
  };
  std::stable_sort(items->begin(), items->end(), [&](const Value& a, const Value& b) {
    return reverse ? value_less(key(b), key(a), case_sensitive)
                   : value_less(key(a), key(b), case_sensitive);
  });
  return Value(std::move(*items));
}

Result<Value> filter_int(const Value& input, const CallArgs& args, const FilterLimits&) {
  auto fallback = int_argument(args, 0, "default", 0);
  if (!fallback) return fail(fallback.error());
  if (input.holds<std::int64_t>()) return input;
  if (input.holds<bool>()) return Value(std::int64_t{input.as<bool>() ? 1 : 0});
  if (input.holds<double>()) {
    const double number = input.as<double>();
    if (!std::isfinite(number) || std::fabs(number) > 9.0e18) return Value(*fallback);
    return Value(static_cast<std::int64_t>(number));
  }
  if (input.holds<std::string>()) {
    const std::string text = strip(input.as<std::string>(), std::nullopt, true, true);
    std::int64_t parsed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error == std::errc{} && end == text.data() + text.size()) return Value(parsed);
    char* float_end = nullptr;
    const double number = std::strtod(text.c_str(), &float_end);
    if (!text.empty() && float_end == text.c_str() + text.size() && std::isfinite(number) &&
        std::fabs(number) < 9.0e18) {
      return Value(static_cast<std::int64_t>(number));
    }
  }
  if (input.is_undefined()) return fail(undefined_error(input));
  return Value(*fallback);
}

Result<Value> filter_float(const Value& input, const CallArgs& args, const FilterLimits&) {
  const Value* fallback = argument(args, 0, "default");
  if (input.is_number()) return Value(*as_number(input));
  if (input.holds<std::string>()) {
    const std::string text = strip(input.as<std::string>(), std::nullopt, true, true);
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (!text.empty() && end == text.c_str() + text.size()) return Value(number);
  }
  if (input.is_undefined()) return fail(undefined_error(input));
  return fallback ? *fallback : Value(0.0);
}

Result<Value> filter_round(const Value& input, const CallArgs& args, const FilterLimits&) {
  auto number = as_number(input);
  if (!number) return fail(number.error());
  auto precision = int_argument(args, 0, "precision", 0);
  if (!precision) return fail(precision.error());
  auto method = text_argument(args, 1, "method", "round", std::string("common"));
  if (!method) return fail(method.error());
  const double scale =
      std::pow(10.0, static_cast<double>(std::clamp<std::int64_t>(*precision, -15, 15)));
  double scaled = *number * scale;
  if (*method == "common") {
    scaled = std::round(scaled);
  } else if (*method == "floor") {
    scaled = std::floor(scaled);
  } else if (*method == "ceil") {
    scaled = std::ceil(scaled);
  } else {
    return filter_error("round(): method must be 'common', 'ceil' or 'floor'");
  }
  return Value(scaled / scale);
}

Result<Value> filter_truncate(const Value& input, const CallArgs& args, const FilterLimits&) {
  auto text = to_text(input);
  if (!text) return fail(text.error());
  auto length = int_argument(args, 0, "length", 255);
  if (!length) return fail(length.error());
  const bool killwords = flag_argument(args, 1, "killwords");
  auto end = text_argument(args, 2, "end", "truncate", std::string("..."));
  if (!end) return fail(end.error());
  auto leeway = int_argument(args, 3, "leeway", 5);
  if (!leeway) return fail(leeway.error());

  const std::u32string chars = util::to_utf32(*text);
  const std::u32string ending = util::to_utf32(*end);
  if (*length < static_cast<std::int64_t>(ending.size())) {
    return filter_error("truncate(): expected length >= length of the end text");
  }
  if (static_cast<std::int64_t>(chars.size()) <= *length + *leeway) return Value(*text);
  std::u32string cut = chars.substr(0, static_cast<std::size_t>(*length) - ending.size());
  if (!killwords) {
    const std::size_t space = cut.rfind(U' ');
    if (space != std::u32string::npos) cut.resize(space);
  }
  return Value(to_utf8(cut) + *end);
}

Result<Value> filter_slugify(const Value& input, const CallArgs&, const FilterLimits&) {
  auto text = to_text(input);
  if (!text) return fail(text.error());
  return Value(slugify(*text));
}

Result<Value> filter_get_cf_value(const Value& input, const CallArgs& args, const FilterLimits&) {
  if (input.is_undefined()) return fail(undefined_error(input));
  auto name = text_argument(args, 0, "name", "get_cf_value", std::nullopt);
  if (!name) return fail(name.error());
  const Value* fallback = argument(args, 1, "default");
  if (const Object* fields = input.object()) {
    const auto found = fields->fields.find(*name);
    if (found != fields->fields.end()) {
      const Value value = attribute_of(found->second, "value");
      if (!value.is_none() && !value.is_undefined()) return value;
    }
  }
  if (fallback != nullptr && !fallback->is_none()) return *fallback;
  return Value(None{});
}

Result<Value> filter_datetime(const Value& input, const CallArgs& args, const FilterLimits&) {
  auto format = text_argument(args, 0, "format", "datetime", std::nullopt);
  if (!format) return fail(format.error());
  auto text = format_datetime(input, *format);
  if (!text) return fail(text.error());
  return Value(std::move(*text));
}

Result<Value> filter_localize_date(const Value& input, const CallArgs& args, const FilterLimits&) {
  auto format = text_argument(args, 0, "format", "localize_date", std::nullopt);
  if (!format) return fail(format.error());
  auto locale = text_argument(args, 1, "locale", "localize_date", std::nullopt);
  if (!locale) return fail(locale.error());
  auto text = localize_date(input, *format, *locale);
  if (!text) return fail(text.error());
  return Value(std::move(*text));
}

Result<Value> filter_map(const Value& input, const CallArgs& args, const FilterLimits& limits) {
  auto items = as_sequence(input, "map");
  if (!items) return fail(items.error());
  List mapped;
  if (const Value* attribute = argument(args, 99, "attribute")) {
    auto name = to_text(*attribute);
    if (!name) return fail(name.error());
    for (const Value& item : *items) mapped.push_back(attribute_of(item, *name));
    return Value(std::move(mapped));
  }
  auto filter = text_argument(args, 0, "filter", "map", std::nullopt);
  if (!filter) return fail(filter.error());
  CallArgs rest;
  rest.positional.assign(args.positional.begin() + 1, args.positional.end());
  for (const Value& item : *items) {
    auto result = apply_filter(*filter, item, rest, limits);
    if (!result) return result;
    mapped.push_back(std::move(*result));
  }
  return Value(std::move(mapped));
}

Result<Value> filter_items(const Value& input, const CallArgs&, const FilterLimits&) {
  const Object* object = input.object();
  if (object == nullptr) {
    if (input.is_undefined()) return fail(undefined_error(input));
    return filter_error(fmt::format("items(): '{}' object is not a mapping", input.type_name()));
  }
  List pairs;
  for (const auto& [key, field] : object->fields) pairs.emplace_back(List{Value(key), field});
  return Value(std::move(pairs));
}

Result<Value> filter_format(const Value& input, const CallArgs& args, const FilterLimits& limits) {
  auto pattern = to_text(input);
  if (!pattern) return fail(pattern.error());
  auto text = percent_format(*pattern, args.positional);
  if (!text) return fail(text.error());
  if (auto size = check_size(text->size(), limits); !size) return fail(size.error());
  return Value(std::move(*text));
}

const std::map<std::string_view, FilterFn>& filter_table() {
  static const std::map<std::string_view, FilterFn> k_filters = [] {
    std::map<std::string_view, FilterFn> table;
    table["default"] = filter_default;
    table["d"] = filter_default;
    table["lower"] = text_filter([](const std::string& s, const CallArgs&) -> Result<std::string> {
      return util::to_lower(s);
    });
    table["upper"] = text_filter([](const std::string& s, const CallArgs&) -> Result<std::string> {
      return unicode_upper(s);
    });
    table["title"] = text_filter(
        [](const std::string& s, const CallArgs&) -> Result<std::string> { return title_case(s); });
    table["capitalize"] =
        text_filter([](const std::string& s, const CallArgs&) -> Result<std::string> {
          return capitalize_word(util::to_utf32(s));
        });
    table["trim"] = text_filter([](const std::string& s, const CallArgs& a) -> Result<std::string> {
      const Value* chars = argument(a, 0, "chars");
      if (chars && chars->holds<std::string>()) {
        return strip(s, chars->as<std::string>(), true, true);
      }
      return strip(s, std::nullopt, true, true);
    });
    table["replace"] =
        text_filter([](const std::string& s, const CallArgs& a) -> Result<std::string> {
          auto old_text = text_argument(a, 0, "old", "replace", std::nullopt);
          if (!old_text) return fail(old_text.error());
          auto new_text = text_argument(a, 1, "new", "replace", std::nullopt);
          if (!new_text) return fail(new_text.error());
          auto count = int_argument(a, 2, "count", -1);
          if (!count) return fail(count.error());
          // Bound the result before building it: every replacement can grow the text.
          if (replaced_size(s, *old_text, new_text->size()) > k_max_intermediate_bytes) {
            return filter_error("replace(): result too large");
          }
          return replace_all(s, *old_text, *new_text, *count);
        });
    table["string"] =
        text_filter([](const std::string& s, const CallArgs&) -> Result<std::string> { return s; });
    table["safe"] = table["string"];
    table["wordcount"] = [](const Value& input, const CallArgs&,
                            const FilterLimits&) -> Result<Value> {
      auto text = to_text(input);
      if (!text) return fail(text.error());
      return Value(static_cast<std::int64_t>(split_text(*text, nullptr).size()));
    };
    table["length"] = filter_length;
    table["count"] = filter_length;
    table["first"] = [](const Value& v, const CallArgs&, const FilterLimits&) {
      return filter_first_last(v, true);
    };
    table["last"] = [](const Value& v, const CallArgs&, const FilterLimits&) {
      return filter_first_last(v, false);
    };
    table["join"] = filter_join;
    table["list"] = [](const Value& v, const CallArgs&, const FilterLimits&) -> Result<Value> {
      auto items = as_sequence(v, "list");
      if (!items) return fail(items.error());
      return Value(std::move(*items));
    };
    table["reverse"] = [](const Value& v, const CallArgs&, const FilterLimits&) -> Result<Value> {
      if (v.holds<std::string>()) {
        std::u32string chars = util::to_utf32(v.as<std::string>());
        std::reverse(chars.begin(), chars.end());
        return Value(to_utf8(chars));
      }
      auto items = as_sequence(v, "reverse");
      if (!items) return fail(items.error());
      std::reverse(items->begin(), items->end());
      return Value(std::move(*items));
    };
    table["sort"] = filter_sort;
    table["unique"] = [](const Value& v, const CallArgs&, const FilterLimits&) -> Result<Value> {
      auto items = as_sequence(v, "unique");
      if (!items) return fail(items.error());
      List unique;
      for (const Value& item : *items) {
        const bool seen = std::any_of(unique.begin(), unique.end(),
                                      [&](const Value& u) { return equals(u, item); });
        if (!seen) unique.push_back(item);
      }
      return Value(std::move(unique));
    };
    table["min"] = [](const Value& v, const CallArgs&, const FilterLimits&) {
      return filter_extreme(v, false);
    };
    table["max"] = [](const Value& v, const CallArgs&, const FilterLimits&) {
      return filter_extreme(v, true);
    };
    table["int"] = filter_int;
    table["float"] = filter_float;
    table["abs"] = [](const Value& v, const CallArgs&, const FilterLimits&) -> Result<Value> {
      if (v.holds<std::int64_t>()) {
        const std::int64_t n = v.as<std::int64_t>();
        return Value(n == INT64_MIN ? n : (n < 0 ? -n : n));
      }
      auto number = as_number(v);
      if (!number) return fail(number.error());
      return Value(std::fabs(*number));
    };
    table["round"] = filter_round;
    table["truncate"] = filter_truncate;
    table["format"] = filter_format;
    table["map"] = filter_map;
    table["items"] = filter_items;
    table["dictsort"] = [](const Value& v, const CallArgs& a, const FilterLimits& l) {
      return filter_items(v, a, l);
    };
    table["attr"] = [](const Value& v, const CallArgs& a, const FilterLimits&) -> Result<Value> {
      auto name = text_argument(a, 0, "name", "attr", std::nullopt);
      if (!name) return fail(name.error());
      if (name->starts_with('_')) {
        return filter_error(fmt::format("access to attribute '{}' is unsafe", *name));
      }
      return attribute_of(v, *name);
    };
    table["slugify"] = filter_slugify;
    table["get_cf_value"] = filter_get_cf_value;
    table["datetime"] = filter_datetime;
    table["localize_date"] = filter_localize_date;
    return table;
  }();
  return k_filters;
}

/// Python's datetime.isoformat() of a UTC timestamp: "2024-10-01T07:36:51+00:00".
std::string iso(const Value& moment) {
  std::string text = repr(moment);
  text[10] = 'T';
  return text;
}

}  // namespace

std::string slugify(std::string_view text) {
  std::string ascii;
  for (const char c : unicode_nfkd(text)) {
    if (static_cast<unsigned char>(c) < 0x80) ascii += c;
  }
  std::string kept;
  for (const char c : util::to_lower(ascii)) {
    const bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    if (word || space || c == '-') kept += c;
  }
  std::string slug;
  bool in_run = false;
  for (const char c : kept) {
    const bool separator = c == '-' || c == ' ' || (c >= '\t' && c <= '\r');
    if (separator) {
      if (!in_run) slug += '-';
      in_run = true;
    } else {
      slug += c;
      in_run = false;
    }
  }
  const std::size_t begin = slug.find_first_not_of("-_");
  if (begin == std::string::npos) return {};
  const std::size_t end = slug.find_last_not_of("-_");
  return slug.substr(begin, end - begin + 1);
}

Result<Value> apply_filter(std::string_view name, const Value& input, const CallArgs& args,
                           const FilterLimits& limits) {
  const auto& table = filter_table();
  const auto found = table.find(name);
  if (found == table.end()) return filter_error(fmt::format("no filter named '{}'", name));
  return found->second(input, args, limits);
}

Result<bool> apply_test(std::string_view name, const Value& input, const CallArgs& args) {
  if (name == "defined") return !input.is_undefined();
  if (name == "undefined") return input.is_undefined();
  if (input.is_undefined()) return fail(undefined_error(input));
  if (name == "none") return input.is_none();
  if (name == "number") return input.is_number() && !input.holds<bool>();
  if (name == "integer") return input.holds<std::int64_t>();
  if (name == "float") return input.holds<double>();
  if (name == "boolean") return input.holds<bool>();
  if (name == "true") return input.holds<bool>() && input.as<bool>();
  if (name == "false") return input.holds<bool>() && !input.as<bool>();
  if (name == "string") return input.holds<std::string>();
  if (name == "mapping") return input.object() != nullptr;
  if (name == "sequence" || name == "iterable") {
    return input.holds<std::string>() || input.list() != nullptr || input.object() != nullptr;
  }
  if (name == "lower")
    return input.holds<std::string>() &&
           util::to_lower(input.as<std::string>()) == input.as<std::string>();
  if (name == "upper")
    return input.holds<std::string>() &&
           unicode_upper(input.as<std::string>()) == input.as<std::string>();
  if (name == "even" || name == "odd" || name == "divisibleby") {
    if (!input.holds<std::int64_t>()) {
      return filter_error(fmt::format("test '{}' needs an integer", name));
    }
    auto divisor = int_argument(args, 0, "num", 2);
    if (!divisor) return fail(divisor.error());
    if (*divisor == 0) return filter_error("divisibleby(): division by zero");
    const std::int64_t value = input.as<std::int64_t>();
    if (name == "odd") return value % 2 != 0;
    return value % (name == "even" ? 2 : *divisor) == 0;
  }
  const Value* other = argument(args, 0, "other");
  if (other == nullptr) return filter_error(fmt::format("no test named '{}'", name));
  if (name == "eq" || name == "equalto" || name == "==") return equals(input, *other);
  if (name == "ne" || name == "!=") return !equals(input, *other);
  if (name == "lt" || name == "lessthan" || name == "<") return value_less(input, *other, true);
  if (name == "gt" || name == "greaterthan" || name == ">") return value_less(*other, input, true);
  if (name == "le" || name == "<=") return !value_less(*other, input, true);
  if (name == "ge" || name == ">=") return !value_less(input, *other, true);
  return filter_error(fmt::format("no test named '{}'", name));
}

Result<Value> call_method(const Value& object, std::string_view method, const CallArgs& args,
                          const FilterLimits& limits) {
  if (object.is_undefined()) return fail(undefined_error(object));
  if (const Object* mapping = object.object()) {
    if (method == "get") {
      auto key = text_argument(args, 0, "key", "get", std::nullopt);
      if (!key) return fail(key.error());
      const auto found = mapping->fields.find(*key);
      if (found != mapping->fields.end()) return found->second;
      const Value* fallback = argument(args, 1, "default");
      return fallback ? *fallback : Value(None{});
    }
    if (method == "items") return filter_items(object, args, limits);
    if (method == "keys" || method == "values") {
      List out;
      for (const auto& [key, field] : mapping->fields) {
        out.push_back(method == "keys" ? Value(key) : field);
      }
      return Value(std::move(out));
    }
  }
  if (object.holds<Date>() || object.holds<Timestamp>()) {
    if (method == "strftime") {
      auto format = text_argument(args, 0, "format", "strftime", std::nullopt);
      if (!format) return fail(format.error());
      auto text = format_datetime(object, *format);
      if (!text) return fail(text.error());
      return Value(std::move(*text));
    }
    if (method == "isoformat") return Value(object.holds<Date>() ? repr(object) : iso(object));
  }
  if (object.holds<std::string>()) {
    static const std::map<std::string_view, std::string_view> k_as_filter = {
        {"lower", "lower"},
        {"upper", "upper"},
        {"title", "title"},
        {"capitalize", "capitalize"},
        {"replace", "replace"}};
    if (const auto found = k_as_filter.find(method); found != k_as_filter.end()) {
      return apply_filter(found->second, object, args, limits);
    }
    const std::string& text = object.as<std::string>();
    const Value* chars = argument(args, 0, "chars");
    const std::optional<std::string_view> set =
        chars && chars->holds<std::string>()
            ? std::optional<std::string_view>(chars->as<std::string>())
            : std::nullopt;
    if (method == "strip") return Value(strip(text, set, true, true));
    if (method == "lstrip") return Value(strip(text, set, true, false));
    if (method == "rstrip") return Value(strip(text, set, false, true));
    if (method == "split") return Value(split_text(text, argument(args, 0, "sep")));
    if (method == "startswith" || method == "endswith") {
      auto affix = text_argument(args, 0, "prefix", method, std::nullopt);
      if (!affix) return fail(affix.error());
      return Value(method == "startswith" ? text.starts_with(*affix) : text.ends_with(*affix));
    }
    if (method == "zfill") {
      auto width = int_argument(args, 0, "width", 0);
      if (!width) return fail(width.error());
      const auto length = static_cast<std::int64_t>(util::to_utf32(text).size());
      if (*width <= length) return object;
      if (auto size = check_size(static_cast<std::size_t>(*width), limits); !size) {
        return fail(size.error());
      }
      const bool sign = !text.empty() && (text[0] == '-' || text[0] == '+');
      const std::string zeros(static_cast<std::size_t>(*width - length), '0');
      return Value(sign ? text.substr(0, 1) + zeros + text.substr(1) : zeros + text);
    }
  }
  return filter_error(
      fmt::format("'{}' object has no callable attribute '{}'", object.type_name(), method));
}

}  // namespace quire::media::tmpl
