#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::parsing {

/// Fixed MIME tables (pipeline.md §6.1). paperless-ngx asks the host's MIME database (Python's
/// `mimetypes` plus `/etc/mime.types`); Quire ships the answer for the types its parsers declare,
/// taken from a Debian 12 host, so results do not depend on the machine.

/// The extension (with its dot) that stored files of type `mime_type` get: ".jpg" for
/// image/jpeg, ".txt" for text/plain. Empty when the type is unknown. Case-insensitive.
[[nodiscard]] std::string default_extension(std::string_view mime_type);

/// Every extension (with its dot, lower case) the MIME database associates with `mime_type`,
/// the default one first; empty for an unknown type. Case-insensitive.
[[nodiscard]] std::vector<std::string> extensions_for(std::string_view mime_type);

/// The MIME type a file name suggests by its extension (case-insensitive), or empty. Used only
/// where libmagic is known to be wrong (see `MimeDetector`).
[[nodiscard]] std::string mime_type_for_extension(std::string_view extension);

}  // namespace quire::parsing
