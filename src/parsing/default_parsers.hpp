#pragma once

#include "parsing/parser.hpp"
#include "parsing/thumbnail.hpp"

namespace quire::parsing {

/// The parsers paperless-ngx always registers (pipeline.md §6.1): PDF and images (weight 0)
/// and text/CSV (weight 10).
///
/// TODO(tika): Office documents (Tika + Gotenberg, weight 10) and mail (.eml, weight 20) are
/// not built; their MIME types get "no parser" errors as in paperless-ngx without Tika.
[[nodiscard]] ParserRegistry make_default_registry(const ThumbnailOptions& thumbnails = {});

}  // namespace quire::parsing
