#include "parsing/default_parsers.hpp"

#include "parsing/image/image_parser.hpp"
#include "parsing/pdf/pdf_parser.hpp"
#include "parsing/text/text_parser.hpp"

namespace quire::parsing {

ParserRegistry make_default_registry(const ThumbnailOptions& thumbnails) {
  ParserRegistry registry;
  registry.add(std::make_unique<PdfParser>(thumbnails));
  registry.add(std::make_unique<ImageParser>(thumbnails));
  registry.add(std::make_unique<TextParser>(thumbnails));
  return registry;
}

}  // namespace quire::parsing
