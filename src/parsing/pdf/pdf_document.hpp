#pragma once

#include "core/error.hpp"
#include "parsing/image/bitmap.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace quire::parsing {

/// An open PDF, read with Poppler. Owns the Poppler document; keeps Poppler's headers out of
/// everyone else's. Not thread-safe: use one object per thread.
class PdfDocument {
 public:
  /// Opens the PDF at `path`. Fails with `invalid_argument` naming `document_name` when the
  /// file is empty, is not a PDF or is damaged beyond repair, or needs a password to open
  /// ("… is encrypted"); with `not_found` when it is missing. The file is only read.
  [[nodiscard]] static Result<PdfDocument> open(const std::filesystem::path& path,
                                                std::string_view document_name);

  PdfDocument(PdfDocument&&) noexcept;
  PdfDocument& operator=(PdfDocument&&) noexcept;
  ~PdfDocument();

  [[nodiscard]] int page_count() const;

  /// The text of page `page_idx` (0-based) in physical layout, as `pdftotext -layout` gives it,
  /// in valid UTF-8; empty when the page has none or cannot be read.
  [[nodiscard]] std::string page_text(int page_idx) const;

  /// Page size in points as displayed: crop box, with the page's /Rotate applied.
  struct PageSize {
    double width = 0;
    double height = 0;
  };
  [[nodiscard]] Result<PageSize> page_size(int page_idx) const;

  /// Renders page `page_idx` at `dpi` on a white background (crop box, page rotation
  /// applied). With `max_width`/`max_height` > 0 the image is cut to at most that size, which
  /// absorbs a pixel of rounding when the DPI was chosen for an exact width.
  [[nodiscard]] Result<Bitmap> render_page(int page_idx, double dpi, PixelFormat format,
                                           int max_width = -1, int max_height = -1) const;

  /// The XMP metadata packet (XML), empty when the PDF has none.
  [[nodiscard]] std::string xmp_packet() const;

 private:
  struct Impl;
  explicit PdfDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace quire::parsing
