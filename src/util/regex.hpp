#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::util {

enum class RegexCase { sensitive, insensitive };

/// Where a match lies in the searched text, as byte offsets.
struct RegexMatch {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// A compiled PCRE2 pattern in UTF-8 mode with Unicode properties (`PCRE2_UTF | PCRE2_UCP`), so
/// that `\b`, `\w` and `\d` behave like Python's `re` on `str`: letters and numbers of every
/// script are word characters, combining marks are not. Invalid UTF-8 in a searched text never
/// fails a search; such bytes simply cannot be part of a match.
///
/// A `Regex` is immutable after `compile` and cheap to copy (the compiled code is shared). Every
/// search allocates its own match data, so one object may be used from many threads at once.
class Regex {
 public:
  /// Compiles `pattern` (PCRE2 syntax). Fails with `invalid_argument` naming the pattern, the
  /// offset and PCRE2's reason when the pattern does not compile.
  [[nodiscard]] static Result<Regex> compile(std::string_view pattern,
                                             RegexCase case_mode = RegexCase::sensitive);

  /// The leftmost match starting at or after byte `start`, or nothing.
  [[nodiscard]] std::optional<RegexMatch> search(std::string_view text,
                                                 std::size_t start = 0) const;

  [[nodiscard]] bool contains(std::string_view text) const { return search(text).has_value(); }

  /// Every non-overlapping match, scanning left to right as Python's `re.finditer` does (after an
  /// empty match the scan moves on by one character).
  [[nodiscard]] std::vector<RegexMatch> find_all(std::string_view text) const;

  /// `text` with every match (as `find_all` finds them) replaced by the literal `replacement`.
  [[nodiscard]] std::string replace_all(std::string_view text, std::string_view replacement) const;

 private:
  struct Code;
  explicit Regex(std::shared_ptr<const Code> code) : m_code(std::move(code)) {}

  std::shared_ptr<const Code> m_code;
};

/// `literal` with every ASCII character other than a letter, a digit or `_` backslash-escaped,
/// so that it matches itself inside a PCRE2 pattern (the purpose of Python's `re.escape`).
[[nodiscard]] std::string regex_escape(std::string_view literal);

/// Rewrites the parts of Python `re` syntax that PCRE2 reads differently: `\Z` (end of text,
/// PCRE2's `\z`), `\uXXXX` and `\UXXXXXXXX` escapes, and `{,n}` quantifiers (`{0,n}`). Named
/// groups `(?P<name>…)`, `(?P=name)` and inline flags such as `(?i)` are PCRE2 syntax already.
[[nodiscard]] std::string translate_python_regex(std::string_view pattern);

}  // namespace quire::util
