#pragma once

#include <string_view>

namespace quire::util {

/// True when `text` matches the shell-style `pattern`, with the semantics of Python's
/// `fnmatch.fnmatchcase`: `*` matches any run of characters (including `/` and an empty run),
/// `?` matches exactly one character, `[abc]` / `[a-z]` match one character of the set and
/// `[!abc]` one character outside it. A `[` without a closing `]` is a literal `[`; a `]`
/// right after `[` or `[!` is a member of the set; a reversed range such as `[z-a]` matches
/// nothing. Matching is case-sensitive and works on Unicode code points of UTF-8 input (a byte
/// that is not valid UTF-8 counts as one character). Any pattern is accepted; none can fail.
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace quire::util
