#include "parsing/mime_types.hpp"

#include "util/strings.hpp"

#include <array>

namespace quire::parsing {
namespace {

struct MimeRow {
  std::string_view mime_type;
  // Space-separated, default first. The union of Python 3.11's `mimetypes` table and Debian
  // 12's /etc/mime.types for the type.
  std::string_view extensions;
};

constexpr std::array k_mime_rows{
    MimeRow{"application/pdf", ".pdf"},
    MimeRow{"image/jpeg", ".jpg .jpeg .jpe .jfif"},
    MimeRow{"image/png", ".png"},
    MimeRow{"image/tiff", ".tif .tiff"},
    MimeRow{"image/gif", ".gif"},
    MimeRow{"image/bmp", ".bmp"},
    MimeRow{"image/webp", ".webp"},
    MimeRow{"image/heic", ".heic"},
    MimeRow{"text/plain", ".txt .text .bat .c .h .ksh .pl .srt .pot .brf .asc"},
    MimeRow{"text/csv", ".csv"},
    MimeRow{"application/csv", ".csv"},
    MimeRow{"application/msword", ".doc .dot .wiz"},
    MimeRow{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
    MimeRow{"application/vnd.ms-excel", ".xls .xlb .xlm .xla .xlc .xlt .xlw"},
    MimeRow{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
    MimeRow{"application/vnd.ms-powerpoint", ".ppt .pot .ppa .pps .pwz"},
    MimeRow{"application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"},
    MimeRow{"application/vnd.openxmlformats-officedocument.presentationml.slideshow", ".ppsx"},
    MimeRow{"application/vnd.oasis.opendocument.presentation", ".odp"},
    MimeRow{"application/vnd.oasis.opendocument.spreadsheet", ".ods"},
    MimeRow{"application/vnd.oasis.opendocument.text", ".odt"},
    MimeRow{"application/vnd.oasis.opendocument.graphics", ".odg"},
    MimeRow{"text/rtf", ".rtf"},
    MimeRow{"application/rtf", ".rtf"},
    MimeRow{"message/rfc822", ".eml .mht .mhtml .nws .mail .art"},
};

const MimeRow* find_row(std::string_view mime_type) {
  for (const auto& row : k_mime_rows) {
    if (util::equals_ignoring_case(row.mime_type, mime_type)) return &row;
  }
  return nullptr;
}

std::vector<std::string> split_extensions(std::string_view list) {
  std::vector<std::string> extensions;
  for (auto& piece : util::split(list, ' ')) {
    if (!piece.empty()) extensions.push_back(std::move(piece));
  }
  return extensions;
}

}  // namespace

std::string default_extension(std::string_view mime_type) {
  const auto extensions = extensions_for(mime_type);
  return extensions.empty() ? std::string() : extensions.front();
}

std::vector<std::string> extensions_for(std::string_view mime_type) {
  const MimeRow* row = find_row(mime_type);
  return row == nullptr ? std::vector<std::string>{} : split_extensions(row->extensions);
}

std::string mime_type_for_extension(std::string_view extension) {
  const std::string wanted = util::to_lower_ascii(extension);
  for (const auto& row : k_mime_rows) {
    for (const auto& candidate : split_extensions(row.extensions)) {
      if (candidate == wanted) return std::string(row.mime_type);
    }
  }
  return {};
}

}  // namespace quire::parsing
