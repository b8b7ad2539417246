#include "parsing/pdf/pdf_parser.hpp"

#include "parsing/log.hpp"
#include "parsing/ocr/ocr_engine.hpp"
#include "parsing/pdf/pdf_document.hpp"
#include "parsing/pdf/xmp.hpp"
#include "parsing/text/post_process.hpp"

#include <fmt/format.h>

#include <cmath>

namespace quire::parsing {
namespace {

// A document has a usable text layer above this many characters (pipeline.md §6.2 step 1).
constexpr std::size_t k_has_text_threshold = 50;

// Upper bound for one rendered page when no pixel limit is configured: OCRmyPDF's default
// max_image_mpixels (250 million pixels) keeps a poster-sized page from exhausting memory.
constexpr double k_default_max_render_pixels = 250e6;

std::string join_pages(const std::vector<std::string>& pages) {
  // pdftotext ends every page with a form feed; post-processing turns it into a line break.
  std::string joined;
  for (const auto& page : pages) {
    joined += page;
    joined += '\f';
  }
  return joined;
}

double render_dpi_for(const PdfDocument& document, int page_idx, const OcrOptions& ocr) {
  const double dpi = ocr.render_dpi > 0 ? ocr.render_dpi : 300;
  const auto size = document.page_size(page_idx);
  if (!size) return dpi;
  const double limit = ocr.max_image_pixels.value_or(0) > 0
                           ? static_cast<double>(*ocr.max_image_pixels)
                           : k_default_max_render_pixels;
  const double pixels = (size->width * dpi / 72.0) * (size->height * dpi / 72.0);
  return pixels <= limit ? dpi : dpi * std::sqrt(limit / pixels);
}

Result<std::string> ocr_page(const PdfDocument& document, int page_idx,
                             const ParseRequest& request) {
  const double dpi = render_dpi_for(document, page_idx, request.ocr);
  auto bitmap = document.render_page(page_idx, dpi, PixelFormat::gray8);
  if (!bitmap) return fail(bitmap.error());
  parse_logger()->trace("ocr page document=\"{}\" page={} dpi={}", request.original_filename,
                        page_idx + 1, dpi);
  return recognise_text(*bitmap, request.ocr.languages, request.ocr.tessdata_dir);
}

bool needs_ocr(const std::string& page_text, int page_idx, const OcrOptions& ocr) {
  return (ocr.pages <= 0 || page_idx < ocr.pages) && post_process_text(page_text).empty();
}

}  // namespace

PdfParser::PdfParser(ThumbnailOptions thumbnail_options)
    : m_thumbnail_options(std::move(thumbnail_options)) {}

const std::vector<MimeDeclaration>& PdfParser::mime_types() const {
  static const std::vector<MimeDeclaration> types{{"application/pdf", ".pdf"}};
  return types;
}

Result<ParseResult> PdfParser::parse(const ParseRequest& request) const {
  const std::string_view name = request.original_filename;
  auto document = PdfDocument::open(request.path, name);
  if (!document) return fail(document.error());

  ParseResult result;
  result.page_count = document->page_count();
  result.metadata = parse_xmp(document->xmp_packet());
  std::vector<std::string> pages;
  for (int page_idx = 0; page_idx < *result.page_count; ++page_idx) {
    pages.push_back(document->page_text(page_idx));
  }
  const std::string original_text = post_process_text(join_pages(pages));
  const bool has_text = count_characters(original_text) > k_has_text_threshold;

  int ocr_pages = 0;
  for (int page_idx = 0; page_idx < *result.page_count; ++page_idx) {
    if (!needs_ocr(pages[page_idx], page_idx, request.ocr)) continue;
    auto recognised = ocr_page(*document, page_idx, request);
    if (!recognised) {
      if (!has_text) return fail(recognised.error());
      parse_logger()->warn("ocr failed, keeping the text layer document=\"{}\" error=\"{}\"", name,
                           recognised.error().message);
      result.text = original_text;
      return result;
    }
    pages[page_idx] = std::move(*recognised);
    ++ocr_pages;
  }

  result.text = ocr_pages == 0 ? original_text : post_process_text(join_pages(pages));
  parse_logger()->debug("parsed pdf document=\"{}\" pages={} has_text={} ocr_pages={}", name,
                        *result.page_count, has_text, ocr_pages);
  if (result.text.empty()) parse_logger()->warn("no text found document=\"{}\"", name);
  return result;
}

Result<WebpBytes> PdfParser::thumbnail(const ParseRequest& request) const {
  return thumbnail_or_generic(
      make_pdf_thumbnail(request.path, request.original_filename, m_thumbnail_options),
      request.original_filename);
}

}  // namespace quire::parsing
