#include "parsing/text/text_parser.hpp"

#include "parsing/text/post_process.hpp"

namespace quire::parsing {

TextParser::TextParser(ThumbnailOptions thumbnail_options)
    : m_thumbnail_options(std::move(thumbnail_options)) {}

const std::vector<MimeDeclaration>& TextParser::mime_types() const {
  static const std::vector<MimeDeclaration> types{
      {"text/plain", ".txt"}, {"text/csv", ".csv"}, {"application/csv", ".csv"}};
  return types;
}

Result<ParseResult> TextParser::parse(const ParseRequest& request) const {
  auto text = read_text_file(request.path, request.original_filename);
  if (!text) return fail(text.error());
  ParseResult result;
  result.text = std::move(*text);
  return result;
}

Result<WebpBytes> TextParser::thumbnail(const ParseRequest& request) const {
  auto thumbnail =
      make_text_thumbnail(request.path, request.original_filename, m_thumbnail_options);
  // Only a missing font is worth a placeholder; an unreadable file is reported as such.
  if (thumbnail || thumbnail.error().code != ErrorCode::unavailable) return thumbnail;
  return thumbnail_or_generic(std::move(thumbnail), request.original_filename);
}

}  // namespace quire::parsing
