#pragma once

#include "parsing/parser.hpp"
#include "parsing/thumbnail.hpp"

namespace quire::parsing {

/// Plain text and CSV (pipeline.md §6.3, weight 10): the text is the file read as UTF-8 with
/// invalid bytes replaced; no page count, no archive, no metadata.
class TextParser final : public Parser {
 public:
  explicit TextParser(ThumbnailOptions thumbnail_options = {});

  [[nodiscard]] std::string_view name() const override { return "text"; }
  [[nodiscard]] int weight() const override { return 10; }
  [[nodiscard]] const std::vector<MimeDeclaration>& mime_types() const override;
  [[nodiscard]] Result<ParseResult> parse(const ParseRequest& request) const override;

  /// The text drawn on a white page; when that fails (no font) the generic thumbnail, with a
  /// warning in the log.
  [[nodiscard]] Result<WebpBytes> thumbnail(const ParseRequest& request) const override;

 private:
  ThumbnailOptions m_thumbnail_options;
};

}  // namespace quire::parsing
