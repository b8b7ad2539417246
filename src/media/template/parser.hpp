#pragma once

#include "core/error.hpp"
#include "media/template/ast.hpp"

#include <string_view>

namespace quire::media::tmpl {

/// Parses template `source` into statement nodes. Supports `{{ expression }}`, `{% if %}` /
/// `{% elif %}` / `{% else %}` / `{% endif %}`, `{% for a[, b] in expression %}` with
/// `{% else %}`, `{% break %}` / `{% continue %}`, `{% set name = expression %}` and comments.
/// Any other tag, a misplaced `{% endif %}`, an unclosed block, an expression syntax error or
/// nesting deeper than `max_depth` fails with `invalid_argument` naming the offset.
[[nodiscard]] Result<NodeList> parse_template(std::string_view source, int max_depth);

}  // namespace quire::media::tmpl
