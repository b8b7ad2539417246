#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire::media::tmpl {

/// A piece of template source after whitespace control: literal text, the inside of a
/// `{{ … }}` tag or the inside of a `{% … %}` tag. Comments are dropped.
struct Segment {
  enum class Kind { text, output, block };
  Kind kind = Kind::text;
  std::string content;
  std::size_t offset = 0;  ///< where the segment starts in the source
};

/// Cuts `source` into segments with the whitespace rules paperless-ngx configures: a trailing
/// newline of the template is dropped, `trim_blocks` (the first newline after a block or comment
/// tag goes) and `lstrip_blocks` (spaces and tabs from the start of a line up to a block or
/// comment tag go), plus the explicit `-` / `+` markers inside tags. Fails with
/// `invalid_argument` on an unclosed tag.
[[nodiscard]] Result<std::vector<Segment>> split_segments(std::string_view source);

/// One token of the expression language inside a tag.
struct Token {
  enum class Kind { name, integer, floating, string, op, end };
  Kind kind = Kind::end;
  std::string text;  ///< name, operator, digits, or the decoded string literal
  std::size_t offset = 0;
};

/// Tokens of `content` (the inside of a tag that starts at `base_offset` in the source), ending
/// with an `end` token. Fails with `invalid_argument` on an unknown character or an unclosed
/// string literal.
[[nodiscard]] Result<std::vector<Token>> tokenize(std::string_view content,
                                                  std::size_t base_offset);

}  // namespace quire::media::tmpl
