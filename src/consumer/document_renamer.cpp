#include "consumer/document_renamer.hpp"

#include "consumer/filename_context_builder.hpp"
#include "consumer/log.hpp"
#include "media/media_store.hpp"
#include "parsing/parser.hpp"
#include "storage/database.hpp"
#include "storage/document_repository.hpp"

#include <fmt/core.h>

#include <optional>

namespace quire::consumer {
namespace {

// The names a document should have and the moves that get it there.
struct RenamePlan {
  std::optional<std::string> filename;
  std::optional<std::string> archive_filename;
  std::vector<media::Relocation> moves;
};

void add_move_if_changed(media::FileKind kind, const std::optional<std::string>& old_name,
                         const std::string& new_name, RenamePlan& plan) {
  if (old_name && *old_name != new_name) plan.moves.push_back({kind, *old_name, new_name});
}

// Bumps `modified`, as paperless-ngx's hook does after every rename attempt that gets this far;
// the repository has no narrower update, so the reloaded row is written back unchanged.
Status touch_modified(storage::WriteContext& tx, DocumentId id) {
  using storage::DocumentRepository;
  auto document = DocumentRepository::get(tx, id, DocumentRepository::Trash::include);
  if (!document) return fail(document.error());
  if (!*document) return fail(ErrorCode::not_found, fmt::format("document {} does not exist", id));
  return DocumentRepository::update(tx, **document);
}

std::vector<media::Relocation> reversed(const std::vector<media::Relocation>& moves) {
  std::vector<media::Relocation> back;
  for (auto move = moves.rbegin(); move != moves.rend(); ++move) {
    back.push_back({move->kind, move->new_name, move->old_name});
  }
  return back;
}

}  // namespace

DocumentRenamer::DocumentRenamer(storage::Database& database, media::MediaStore& media,
                                 const parsing::ParserRegistry& parsers, RenameOptions options)
    : m_database(database), m_media(media), m_parsers(parsers), m_options(std::move(options)) {}

Result<std::vector<DocumentId>> DocumentRenamer::live_documents() const {
  return m_database.read(
      [](storage::ReadContext& tx) { return storage::DocumentRepository::list_live_ids(tx); });
}

Result<RenameOutcome> DocumentRenamer::rename(DocumentId id) const {
  auto lock = media::MediaLock::acquire(m_media.paths());
  if (!lock) return fail(lock.error());

  // Names are chosen under the media lock, so the existence checks of unique_filename hold
  // until the files are moved.
  auto plan = m_database.read([&](storage::ReadContext& tx) -> Result<std::optional<RenamePlan>> {
    auto document =
        storage::DocumentRepository::get(tx, id, storage::DocumentRepository::Trash::include);
    if (!document) return fail(document.error());
    if (!*document) {
      return fail(ErrorCode::not_found, fmt::format("document {} does not exist", id));
    }
    const Document& doc = **document;
    if (!doc.filename) return std::optional<RenamePlan>();
    if (doc.storage_type == "gpg") {
      // TODO(compat): paperless-ngx appends ".gpg" to names of legacy encrypted documents;
      // the file-name generator has no such suffix, so these are not renamed.
      return fail(ErrorCode::not_implemented,
                  "renaming GPG-encrypted documents is not implemented; decrypt them first");
    }

    auto context = build_filename_context(tx, doc, m_options.time_zone);
    if (!context) return fail(context.error());
    // TODO(compat): like consumption, only the disk is asked whether a name is free; a name
    // another row claims while its file is missing fails the update with `conflict`.
    auto original = media::unique_filename(
        *context, m_options.filenames, media::FileKind::original,
        m_parsers.default_extension(doc.mime_type), m_media.root(media::FileKind::original));
    if (!original) return fail(original.error());

    RenamePlan names{*original, doc.archive_filename, {}};
    add_move_if_changed(media::FileKind::original, doc.filename, *original, names);
    if (doc.archive_filename) {
      context->filename = *original;
      auto archive =
          media::unique_filename(*context, m_options.filenames, media::FileKind::archive, ".pdf",
                                 m_media.root(media::FileKind::archive));
      if (!archive) return fail(archive.error());
      names.archive_filename = *archive;
      add_move_if_changed(media::FileKind::archive, doc.archive_filename, *archive, names);
    }
    return std::optional<RenamePlan>(std::move(names));
  });
  if (!plan) return fail(plan.error());
  if (!*plan) return RenameOutcome::unchanged;

  // The row is updated first and the files are moved inside the same transaction: a name
  // clash in the database is found before any file moves, and a failed move rolls the row
  // back. Only a failed commit after the moves needs them undone by hand.
  // TODO(durability): a crash between the moves and the commit leaves the row naming the old
  // files; a rename journal like the consume journal would close that window.
  bool moved = false;
  const Status stored = m_database.write([&](storage::WriteContext& tx) -> Status {
    if (!(*plan)->moves.empty()) {
      auto named = storage::DocumentRepository::set_filenames(tx, id, (*plan)->filename,
                                                              (*plan)->archive_filename);
      if (!named) return named;
    }
    if (auto touched = touch_modified(tx, id); !touched) return touched;
    if (auto relocated = m_media.relocate((*plan)->moves); !relocated) return relocated;
    moved = !(*plan)->moves.empty();
    return {};
  });
  if (!stored) {
    if (moved) {
      const auto back = reversed((*plan)->moves);
      if (auto undone = m_media.relocate(back); !undone) {
        return fail(stored.error().code,
                    fmt::format("{}; moving the files back failed too: {}",
                                stored.error().message, undone.error().message));
      }
    }
    return fail(stored.error());
  }
  if ((*plan)->moves.empty()) return RenameOutcome::unchanged;

  for (const media::Relocation& move : (*plan)->moves) {
    consumer_logger()->info("renamed document file document_id={} kind={} from=\"{}\" to=\"{}\"",
                            id, move.kind == media::FileKind::original ? "original" : "archive",
                            move.old_name, move.new_name);
  }
  return RenameOutcome::renamed;
}

RenameSummary DocumentRenamer::rename_all(std::span<const DocumentId> ids,
                                          const RenameCallback& on_done) const {
  RenameSummary summary;
  for (const DocumentId id : ids) {
    RenameReport done{id, RenameOutcome::failed, {}};
    if (auto outcome = rename(id); outcome) {
      done.outcome = *outcome;
    } else {
      done.message = outcome.error().message;
    }
    switch (done.outcome) {
      case RenameOutcome::renamed: ++summary.renamed; break;
      case RenameOutcome::unchanged: ++summary.unchanged; break;
      case RenameOutcome::failed: ++summary.failed; break;
    }
    if (on_done) on_done(done);
  }
  return summary;
}

}  // namespace quire::consumer
