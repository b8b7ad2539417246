#include "consumer/filename_context_builder.hpp"

#include "storage/correspondent_repository.hpp"
#include "storage/document_type_repository.hpp"
#include "storage/storage_path_repository.hpp"
#include "storage/tag_repository.hpp"
#include "storage/user_repository.hpp"
#include "util/time_zone.hpp"

#include <algorithm>

namespace quire::consumer {
namespace {

// Looks up the name of an optional reference; a dangling id reads as "no object".
template <typename Repository, typename Id>
Result<std::optional<media::NamedRef>> named_ref(storage::ReadContext& context,
                                                 const std::optional<Id>& id) {
  if (!id) return std::optional<media::NamedRef>();
  auto found = Repository::get(context, *id);
  if (!found) return fail(found.error());
  if (!*found) return std::optional<media::NamedRef>();
  return std::optional<media::NamedRef>(media::NamedRef{(*found)->id, (*found)->name});
}

Status fill_references(storage::ReadContext& context, const Document& document,
                       media::FilenameContext& out) {
  auto correspondent =
      named_ref<storage::CorrespondentRepository>(context, document.correspondent_id);
  if (!correspondent) return fail(correspondent.error());
  out.correspondent = *correspondent;

  auto document_type =
      named_ref<storage::DocumentTypeRepository>(context, document.document_type_id);
  if (!document_type) return fail(document_type.error());
  out.document_type = *document_type;

  if (document.storage_path_id) {
    auto path = storage::StoragePathRepository::get(context, *document.storage_path_id);
    if (!path) return fail(path.error());
    if (*path) {
      out.storage_path = media::NamedRef{(*path)->id, (*path)->name};
      out.storage_path_template = (*path)->path;
    }
  }

  if (document.owner_id) {
    auto owner = storage::UserRepository::get(context, *document.owner_id);
    if (!owner) return fail(owner.error());
    if (*owner) out.owner = media::OwnerRef{(*owner)->id, (*owner)->username};
  }
  return {};
}

Status fill_tags(storage::ReadContext& context, const Document& document,
                 media::FilenameContext& out) {
  for (const TagId id : document.tag_ids) {
    auto tag = storage::TagRepository::get(context, id);
    if (!tag) return fail(tag.error());
    if (*tag) out.tags.push_back(media::TagRef{(*tag)->id, (*tag)->name});
  }
  std::sort(out.tags.begin(), out.tags.end(),
            [](const media::TagRef& a, const media::TagRef& b) { return a.name < b.name; });
  return {};
}

}  // namespace

Result<media::FilenameContext> build_filename_context(storage::ReadContext& context,
                                                      const Document& document,
                                                      std::string_view time_zone) {
  media::FilenameContext out;
  out.id = document.id;
  out.title = document.title;
  out.content = document.content;
  out.archive_serial_number = document.archive_serial_number;
  out.original_filename = document.original_filename;
  out.mime_type = document.mime_type;
  out.checksum = document.checksum;
  out.archive_checksum = document.archive_checksum;
  out.page_count = document.page_count;
  out.filename = document.filename;
  out.archive_filename = document.archive_filename;
  out.created = document.created;
  out.added = document.added;
  out.modified = document.modified;
  auto added_local = util::local_date(document.added, time_zone);
  if (!added_local) return fail(added_local.error());
  out.added_local = *added_local;

  if (auto filled = fill_references(context, document, out); !filled) return fail(filled.error());
  if (auto filled = fill_tags(context, document, out); !filled) return fail(filled.error());
  return out;
}

}  // namespace quire::consumer
