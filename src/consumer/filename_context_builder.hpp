#pragma once

#include "core/document.hpp"
#include "core/error.hpp"
#include "media/filename_context.hpp"

#include <string_view>

namespace quire::storage {
class ReadContext;
}

namespace quire::consumer {

/// Everything file-name templates may read about `document`, with the names of its
/// correspondent, type, storage path (and its template), owner and tags looked up in the
/// database. `time_zone` gives the local `added` date.
///
/// TODO(compat): custom field values are not filled in yet (no custom field repository), so
/// templates that read `custom_fields` see none.
[[nodiscard]] Result<media::FilenameContext> build_filename_context(storage::ReadContext& context,
                                                                    const Document& document,
                                                                    std::string_view time_zone);

}  // namespace quire::consumer
