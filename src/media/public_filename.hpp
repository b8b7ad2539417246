#pragma once

#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace quire::media {

/// The name a document is downloaded under (api.md §10 "Public file name"):
/// `"<created YYYY-MM-DD>[ <correspondent>][ <title>][_NN]<extension>"`, sanitised as one file
/// name (admin.md §9.9). The correspondent part is left out when there is none, the title part
/// when the title is empty, `_NN` (`_{counter:02d}`) when `counter` is 0. Archive versions pass
/// ".pdf" as `extension`, originals the default extension of their MIME type.
[[nodiscard]] std::string public_filename(Date created,
                                          const std::optional<std::string>& correspondent,
                                          std::string_view title, std::string_view extension,
                                          int counter = 0);

}  // namespace quire::media
