#include "media/template/value.hpp"

#include "media/template/text.hpp"
#include "util/unicode.hpp"

#include <charconv>
#include <cstdio>
#include <limits>

namespace quire::media::tmpl {
namespace {

std::string format_date(Date date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

/// Python's str() of an aware UTC datetime: "2024-10-01 07:36:51.000153+00:00".
std::string format_timestamp(Timestamp moment) {
  const auto day = std::chrono::floor<std::chrono::days>(moment);
  const std::chrono::hh_mm_ss time{moment - day};
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%s %02d:%02d:%02d", format_date(Date{day}).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  std::string text = buffer;
  if (const auto micros = time.subseconds().count(); micros != 0) {
    std::snprintf(buffer, sizeof buffer, ".%06lld", static_cast<long long>(micros));
    text += buffer;
  }
  return text + "+00:00";
}

/// Python's repr of a float: the shortest round-trip form, always with a dot or exponent.
std::string format_double(double number) {
  if (number != number) return "nan";
  if (number == std::numeric_limits<double>::infinity()) return "inf";
  if (number == -std::numeric_limits<double>::infinity()) return "-inf";
  char buffer[64];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
  std::string text(buffer, error == std::errc{} ? end : buffer);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string quote(const std::string& text) {
  const char mark =
      text.find('\'') != std::string::npos && text.find('"') == std::string::npos ? '"' : '\'';
  std::string quoted(1, mark);
  for (const char c : text) {
    if (c == mark || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + mark;
}

std::string repr_list(const List& list) {
  std::string text = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) text += ", ";
    text += repr(list[i]);
  }
  return text + "]";
}

std::string repr_object(const Object& object) {
  std::string text = "{";
  bool first = true;
  for (const auto& [key, field] : object.fields) {
    if (!first) text += ", ";
    first = false;
    text += quote(key) + ": " + repr(field);
  }
  return text + "}";
}

}  // namespace

Value Value::placeholder() {
  Value marker(std::string("-none-"));
  marker.m_placeholder = true;
  return marker;
}

const List* Value::list() const {
  const auto* shared = std::get_if<std::shared_ptr<const List>>(&m_storage);
  return shared ? shared->get() : nullptr;
}

const Object* Value::object() const {
  const auto* shared = std::get_if<std::shared_ptr<const Object>>(&m_storage);
  return shared ? shared->get() : nullptr;
}

const char* Value::type_name() const {
  static constexpr const char* k_names[] = {"Undefined", "NoneType", "bool",     "int",  "float",
                                            "str",       "date",     "datetime", "list", "dict"};
  return k_names[m_storage.index()];
}

Value make_object(std::map<std::string, Value, std::less<>> fields,
                  std::optional<std::string> display) {
  return Value(Object{std::move(fields), std::move(display)});
}

Error undefined_error(const Value& value) {
  const auto* undefined = std::get_if<Undefined>(&value.storage());
  return Error{ErrorCode::invalid_argument,
               undefined ? undefined->message : std::string("value is undefined")};
}

std::optional<Value> date_attribute(const Value& value, std::string_view name) {
  if (!value.holds<Date>() && !value.holds<Timestamp>()) return std::nullopt;
  const Timestamp moment = value.holds<Date>() ? Timestamp{std::chrono::sys_days{value.as<Date>()}}
                                               : value.as<Timestamp>();
  const auto day = std::chrono::floor<std::chrono::days>(moment);
  const Date date{day};
  if (name == "year") return Value(std::int64_t{static_cast<int>(date.year())});
  if (name == "month") return Value(std::int64_t{static_cast<unsigned>(date.month())});
  if (name == "day") return Value(std::int64_t{static_cast<unsigned>(date.day())});
  if (!value.holds<Timestamp>()) return std::nullopt;
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(moment - day)};
  if (name == "hour") return Value(std::int64_t{time.hours().count()});
  if (name == "minute") return Value(std::int64_t{time.minutes().count()});
  if (name == "second") return Value(std::int64_t{time.seconds().count()});
  return std::nullopt;
}

Result<List> to_sequence(const Value& value) {
  if (value.is_undefined()) return fail(undefined_error(value));
  if (const List* list = value.list()) return *list;
  if (const Object* object = value.object()) {
    List keys;
    for (const auto& entry : object->fields) keys.emplace_back(entry.first);
    return keys;
  }
  if (value.holds<std::string>()) {
    List chars;
    for (const char32_t c : util::to_utf32(value.as<std::string>())) {
      chars.emplace_back(to_utf8(std::u32string_view(&c, 1)));
    }
    return chars;
  }
  return fail(ErrorCode::invalid_argument,
              std::string("'") + value.type_name() + "' object is not iterable");
}

Result<std::string> to_text(const Value& value) {
  if (value.is_undefined()) return fail(undefined_error(value));
  if (value.holds<std::string>()) return value.as<std::string>();
  if (const Object* object = value.object(); object && object->display) return *object->display;
  return repr(value);
}

std::string repr(const Value& value) {
  struct Printer {
    std::string operator()(const Undefined&) const { return "Undefined"; }
    std::string operator()(None) const { return "None"; }
    std::string operator()(bool flag) const { return flag ? "True" : "False"; }
    std::string operator()(std::int64_t number) const { return std::to_string(number); }
    std::string operator()(double number) const { return format_double(number); }
    std::string operator()(const std::string& text) const { return quote(text); }
    std::string operator()(Date date) const { return format_date(date); }
    std::string operator()(Timestamp moment) const { return format_timestamp(moment); }
    std::string operator()(const std::shared_ptr<const List>& list) const {
      return repr_list(*list);
    }
    std::string operator()(const std::shared_ptr<const Object>& object) const {
      return object->display ? *object->display : repr_object(*object);
    }
  };
  return std::visit(Printer{}, value.storage());
}

Result<bool> truthy(const Value& value) {
  if (value.is_undefined()) return fail(undefined_error(value));
  if (value.is_placeholder()) return false;
  struct Test {
    bool operator()(const Undefined&) const { return false; }
    bool operator()(None) const { return false; }
    bool operator()(bool flag) const { return flag; }
    bool operator()(std::int64_t number) const { return number != 0; }
    bool operator()(double number) const { return number != 0.0; }
    bool operator()(const std::string& text) const { return !text.empty(); }
    bool operator()(Date) const { return true; }
    bool operator()(Timestamp) const { return true; }
    bool operator()(const std::shared_ptr<const List>& list) const { return !list->empty(); }
    bool operator()(const std::shared_ptr<const Object>& object) const {
      return object->display.has_value() || !object->fields.empty();
    }
  };
  return std::visit(Test{}, value.storage());
}

bool equals(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    const auto as_double = [](const Value& v) {
      if (v.holds<double>()) return v.as<double>();
      if (v.holds<bool>()) return v.as<bool>() ? 1.0 : 0.0;
      return static_cast<double>(v.as<std::int64_t>());
    };
    if (a.holds<std::int64_t>() && b.holds<std::int64_t>()) {
      return a.as<std::int64_t>() == b.as<std::int64_t>();
    }
    return as_double(a) == as_double(b);
  }
  if (a.is_placeholder() || b.is_placeholder()) {
    const Value& other = a.is_placeholder() ? b : a;
    return other.holds<std::string>() &&
           (other.as<std::string>() == "none" || other.as<std::string>() == "-none-");
  }
  if (a.storage().index() != b.storage().index()) return false;
  if (const List* left = a.list()) {
    const List& right = *b.list();
    if (left->size() != right.size()) return false;
    for (std::size_t i = 0; i < left->size(); ++i) {
      if (!equals((*left)[i], right[i])) return false;
    }
    return true;
  }
  if (const Object* left = a.object()) {
    const Object& right = *b.object();
    if (left->fields.size() != right.fields.size()) return false;
    for (const auto& [key, field] : left->fields) {
      const auto found = right.fields.find(key);
      if (found == right.fields.end() || !equals(field, found->second)) return false;
    }
    return true;
  }
  if (a.is_none() || a.is_undefined()) return true;
  if (a.holds<std::string>()) return a.as<std::string>() == b.as<std::string>();
  if (a.holds<Date>()) return a.as<Date>() == b.as<Date>();
  return a.as<Timestamp>() == b.as<Timestamp>();
}

}  // namespace quire::media::tmpl
