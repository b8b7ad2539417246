#pragma once

#include "core/error.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace quire::media::tmpl {

class Value;

using List = std::vector<Value>;

/// A mapping as templates see it. Keys keep their insertion-independent (sorted) order, which
/// makes iteration deterministic. `display` is what printing the object yields, so an object
/// such as a correspondent can print as its name and still expose `.id` and `.name`.
struct Object {
  std::map<std::string, Value, std::less<>> fields;
  std::optional<std::string> display;
};

/// A name that did not resolve. Templates run with strict-undefined semantics: only `is
/// defined`, `is undefined` and the `default` filter may touch it; anything else is an error
/// carrying `message`.
struct Undefined {
  std::string message;
};

struct None {};

/// The data a template reads. Values are immutable and cheap to copy: lists and objects are
/// shared. Templates can only reach what is stored here; there are no host objects behind it.
class Value {
 public:
  using Storage =
      std::variant<Undefined, None, bool, std::int64_t, double, std::string, Date, Timestamp,
                   std::shared_ptr<const List>, std::shared_ptr<const Object>>;

  Value() : m_storage(None{}) {}
  Value(None) : m_storage(None{}) {}
  Value(Undefined undefined) : m_storage(std::move(undefined)) {}
  Value(bool flag) : m_storage(flag) {}
  Value(int number) : m_storage(std::int64_t{number}) {}
  Value(std::int64_t number) : m_storage(number) {}
  Value(double number) : m_storage(number) {}
  Value(std::string text) : m_storage(std::move(text)) {}
  Value(const char* text) : m_storage(std::string(text)) {}
  Value(Date date) : m_storage(date) {}
  Value(Timestamp moment) : m_storage(moment) {}
  Value(List list) : m_storage(std::make_shared<const List>(std::move(list))) {}
  Value(Object object) : m_storage(std::make_shared<const Object>(std::move(object))) {}

  /// The "missing value" marker `-none-`: prints as `-none-`, is false in a condition and
  /// compares equal to both `"-none-"` and `"none"` (paperless-ngx's placeholder semantics).
  [[nodiscard]] static Value placeholder();

  [[nodiscard]] bool is_undefined() const { return holds<Undefined>(); }
  [[nodiscard]] bool is_none() const { return holds<None>(); }
  [[nodiscard]] bool is_placeholder() const { return m_placeholder; }
  [[nodiscard]] bool is_number() const {
    return holds<std::int64_t>() || holds<double>() || holds<bool>();
  }

  template <typename T>
  [[nodiscard]] bool holds() const {
    return std::holds_alternative<T>(m_storage);
  }
  template <typename T>
  [[nodiscard]] const T& as() const {
    return std::get<T>(m_storage);
  }
  [[nodiscard]] const Storage& storage() const { return m_storage; }

  /// The list or object behind the value, or nullptr when it is something else.
  [[nodiscard]] const List* list() const;
  [[nodiscard]] const Object* object() const;

  /// Python's name for the type, for error messages: "str", "int", "dict", ...
  [[nodiscard]] const char* type_name() const;

 private:
  Storage m_storage;
  bool m_placeholder = false;
};

/// An object from key/value pairs.
[[nodiscard]] Value make_object(std::map<std::string, Value, std::less<>> fields,
                                std::optional<std::string> display = std::nullopt);

/// How `{{ value }}` prints: strings as they are, numbers and dates as Python prints them,
/// lists and objects in Python's repr form. Undefined values are an error.
[[nodiscard]] Result<std::string> to_text(const Value& value);

/// Python's repr: strings quoted, everything else as `to_text` (undefined prints as `Undefined`).
[[nodiscard]] std::string repr(const Value& value);

/// Python truthiness; undefined values are an error (strict undefined).
[[nodiscard]] Result<bool> truthy(const Value& value);

/// `==` as in Python: numbers compare by value across int/float/bool, the placeholder equals
/// "none" and "-none-", lists and objects compare element-wise.
[[nodiscard]] bool equals(const Value& a, const Value& b);

/// What iterating `value` yields, as in Python: a list's elements, an object's keys (sorted),
/// a string's characters. Anything else (and undefined) is an `invalid_argument` error.
[[nodiscard]] Result<List> to_sequence(const Value& value);

/// The fields Python's date and datetime objects offer: `year`, `month`, `day`, and for
/// timestamps (UTC) also `hour`, `minute`, `second`. Nullopt for other values and names.
[[nodiscard]] std::optional<Value> date_attribute(const Value& value, std::string_view name);

/// The error for using an undefined value.
[[nodiscard]] Error undefined_error(const Value& value);

}  // namespace quire::media::tmpl
