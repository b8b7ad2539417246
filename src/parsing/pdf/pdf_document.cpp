#include "parsing/pdf/pdf_document.hpp"

#include "parsing/input_file.hpp"
#include "parsing/log.hpp"
#include "util/utf8.hpp"

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cstring>
#include <mutex>

namespace quire::parsing {
namespace {

// Poppler prints syntax errors of damaged files on stderr; route them to our log instead.
void log_poppler_message(const std::string& message, void* /*closure*/) {
  parse_logger()->debug("poppler message=\"{}\"", message);
}

void install_poppler_log_handler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(log_poppler_message, nullptr); });
}

std::string to_utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return util::decode_utf8_lossy(std::string_view(bytes.data(), bytes.size())).text;
}

bool is_quarter_turned(poppler::page::orientation_enum orientation) {
  return orientation == poppler::page::landscape || orientation == poppler::page::seascape;
}

}  // namespace

struct PdfDocument::Impl {
  std::unique_ptr<poppler::document> document;

  [[nodiscard]] std::unique_ptr<poppler::page> page(int page_idx) const {
    if (page_idx < 0 || page_idx >= document->pages()) return nullptr;
    return std::unique_ptr<poppler::page>(document->create_page(page_idx));
  }
};

PdfDocument::PdfDocument(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;
PdfDocument::~PdfDocument() = default;

Result<PdfDocument> PdfDocument::open(const std::filesystem::path& path,
                                      std::string_view document_name) {
  if (auto status = check_input_file(path, document_name); !status) return fail(status.error());

  install_poppler_log_handler();
  auto impl = std::make_unique<Impl>();
  impl->document.reset(poppler::document::load_from_file(path.string()));
  if (impl->document == nullptr) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("document '{}' is not a readable PDF (damaged or truncated)", document_name));
  }
  // Poppler opens files with only an owner password (signed.pdf) but locks those that need
  // a user password to be read.
  if (impl->document->is_locked()) {
    return fail(
        ErrorCode::invalid_argument,
        fmt::format("document '{}' is encrypted: it needs a password to be opened", document_name));
  }
  if (impl->document->pages() <= 0) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("document '{}' is a PDF without pages", document_name));
  }
  return PdfDocument(std::move(impl));
}

int PdfDocument::page_count() const { return m_impl->document->pages(); }

std::string PdfDocument::page_text(int page_idx) const {
  const auto page = m_impl->page(page_idx);
  if (page == nullptr) return {};
  return to_utf8(page->text(poppler::rectf(), poppler::page::physical_layout));
}

Result<PdfDocument::PageSize> PdfDocument::page_size(int page_idx) const {
  const auto page = m_impl->page(page_idx);
  if (page == nullptr) {
    return fail(ErrorCode::invalid_argument, fmt::format("PDF has no page {}", page_idx + 1));
  }
  const poppler::rectf box = page->page_rect(poppler::crop_box);
  if (is_quarter_turned(page->orientation())) return PageSize{box.height(), box.width()};
  return PageSize{box.width(), box.height()};
}

Result<Bitmap> PdfDocument::render_page(int page_idx, double dpi, PixelFormat format, int max_width,
                                        int max_height) const {
  const auto page = m_impl->page(page_idx);
  if (page == nullptr) {
    return fail(ErrorCode::invalid_argument, fmt::format("PDF has no page {}", page_idx + 1));
  }

  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(format == PixelFormat::gray8 ? poppler::image::format_gray8
                                                         : poppler::image::format_argb32);
  const int width = max_width > 0 ? max_width : -1;
  const int height = max_height > 0 ? max_height : -1;
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi, 0, 0, width, height);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("page {} of the PDF could not be rendered", page_idx + 1));
  }

  Bitmap bitmap{image.width(),
                image.height(),
                image.bytes_per_row(),
                format,
                static_cast<int>(dpi + 0.5),
                {}};
  const auto byte_count = static_cast<std::size_t>(bitmap.stride) * bitmap.height;
  bitmap.pixels.resize(byte_count);
  std::memcpy(bitmap.pixels.data(), image.const_data(), byte_count);
  return bitmap;
}

std::string PdfDocument::xmp_packet() const { return to_utf8(m_impl->document->metadata()); }

}  // namespace quire::parsing
