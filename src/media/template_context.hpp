#pragma once

#include "media/filename_context.hpp"
#include "media/template/value.hpp"

namespace quire::media {

/// The variables of admin.md §9.3 for `context`: `document` (the raw document as an object),
/// the sanitised `title`, `correspondent`, `document_type`, the `asn`, `owner_username`,
/// `original_name` and `doc_pk`, the `created_*` and `added_*` date parts (English month
/// names), `tag_list`, `tag_name_list` and `custom_fields`. Missing values are the `-none-`
/// placeholder. Names are NFC-normalised first.
[[nodiscard]] tmpl::Object build_template_context(const FilenameContext& context);

}  // namespace quire::media
