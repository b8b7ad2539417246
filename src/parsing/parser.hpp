#pragma once

#include "core/error.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace quire::parsing {

/// OCR settings for one parse (pipeline.md §6.2). The integrator fills them from
/// `config::OcrSettings` after applying the database overrides.
struct OcrOptions {
  std::string languages = "eng";  ///< Tesseract codes joined by '+', e.g. "eng+deu"
  std::optional<int> image_dpi;   ///< PAPERLESS_OCR_IMAGE_DPI, for images without their own DPI
  int pages = 0;                  ///< PAPERLESS_OCR_PAGES: OCR only the first N pages; 0 = all
  /// Largest image (width × height) that is decoded (PAPERLESS_MAX_IMAGE_PIXELS); unset or 0
  /// means no limit.
  std::optional<std::int64_t> max_image_pixels;
  int render_dpi = 300;  ///< resolution at which PDF pages without text are rasterised for OCR
  std::filesystem::path tessdata_dir;  ///< empty = Tesseract's built-in data folder
};

/// What a parser is asked to read.
struct ParseRequest {
  std::filesystem::path path;     ///< the working copy; parsers never modify or move it
  std::string mime_type;          ///< as detected by `MimeDetector`
  std::string original_filename;  ///< the name the user gave the file; used in messages
  OcrOptions ocr;
  /// A folder owned by the caller where a parser may write files it returns (the archive
  /// PDF). Empty when the caller wants no files.
  std::filesystem::path scratch_dir;
};

/// One XMP property of a PDF (`{namespace}key = value`), as the metadata view shows it.
struct MetadataEntry {
  std::string namespace_uri;  ///< e.g. "http://ns.adobe.com/pdf/1.3/"
  std::string prefix;         ///< e.g. "pdf"
  std::string key;            ///< e.g. "Producer"
  std::string value;          ///< list values joined by single spaces

  friend bool operator==(const MetadataEntry&, const MetadataEntry&) = default;
};

/// What a parser found.
struct ParseResult {
  std::string text;                                   ///< post-processed (§6.2.3); may be empty
  std::optional<int> page_count;                      ///< PDFs only
  std::optional<std::filesystem::path> archive_path;  ///< inside `scratch_dir` when produced
  std::vector<MetadataEntry> metadata;                ///< PDFs: XMP entries
};

/// A MIME type a parser accepts and the extension stored files of that type get.
struct MimeDeclaration {
  std::string mime_type;
  std::string extension;  ///< with the dot, e.g. ".jpg"
};

/// WebP-encoded thumbnail bytes.
using WebpBytes = std::vector<std::uint8_t>;

/// A document parser (pipeline.md §6). Implementations are immutable after construction and
/// safe to call from several threads at once.
class Parser {
 public:
  virtual ~Parser() = default;

  /// Short name for logs, e.g. "pdf".
  [[nodiscard]] virtual std::string_view name() const = 0;

  /// Weight in the registry; the highest weight for a MIME type wins (§6.1).
  [[nodiscard]] virtual int weight() const = 0;

  [[nodiscard]] virtual const std::vector<MimeDeclaration>& mime_types() const = 0;

  /// Reads text, page count and metadata from `request.path`. Bad input (empty, corrupt,
  /// encrypted, too large) fails with `invalid_argument` and a message naming
  /// `request.original_filename`; a missing OCR language with `unavailable`. May block for
  /// seconds per page when OCR runs.
  [[nodiscard]] virtual Result<ParseResult> parse(const ParseRequest& request) const = 0;

  /// A WebP thumbnail of `request.path` (the archive PDF when there is one, else the
  /// original), 500 px wide unless the source is smaller (§6.6).
  [[nodiscard]] virtual Result<WebpBytes> thumbnail(const ParseRequest& request) const = 0;
};

/// The parsers known to this process, looked up by MIME type. Filled once at start-up, then
/// only read, so lookups need no lock.
class ParserRegistry {
 public:
  void add(std::unique_ptr<Parser> parser);

  /// The parser with the highest weight for `mime_type` (the first registered among equals).
  /// Fails with `unsupported_media_type`: "no parser for MIME type 'x' (document 'name')".
  /// The returned parser lives as long as the registry.
  [[nodiscard]] Result<const Parser*> parser_for(std::string_view mime_type,
                                                 std::string_view document_name) const;

  [[nodiscard]] bool supports(std::string_view mime_type) const;

  /// The extension files of `mime_type` are stored with: the one the chosen parser declares,
  /// else the fixed MIME table's, else empty (§6.1).
  [[nodiscard]] std::string default_extension(std::string_view mime_type) const;

  /// Every extension (lower case, with the dot) of every declared MIME type: the consumption
  /// folder's filter (§6.1).
  [[nodiscard]] std::set<std::string> supported_extensions() const;

 private:
  [[nodiscard]] const Parser* best_parser(std::string_view mime_type) const;

  std::vector<std::unique_ptr<Parser>> m_parsers;
};

}  // namespace quire::parsing
