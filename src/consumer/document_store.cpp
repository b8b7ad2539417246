#include "consumer/document_store.hpp"

#include "consumer/filename_context_builder.hpp"
#include "consumer/log.hpp"
#include "media/media_store.hpp"
#include "storage/database.hpp"
#include "storage/document_repository.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <vector>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// What a journal says: the files named here are removed unless the row was committed.
struct Journal {
  DocumentId document_id = 0;
  std::string checksum;
  fs::path consumed_file;
  std::vector<fs::path> files;  ///< absolute paths of every file this consumption writes
};

fs::path journal_path(const fs::path& journal_dir, DocumentId id) {
  return journal_dir / fmt::format("{:07d}.json", id);
}

Status write_journal(const fs::path& journal_dir, const Journal& journal) {
  std::error_code error;
  fs::create_directories(journal_dir, error);
  if (error) {
    return fail(ErrorCode::io, fmt::format("cannot create journal folder '{}': {}",
                                           journal_dir.string(), error.message()));
  }
  json files = json::array();
  for (const fs::path& file : journal.files) files.push_back(file.string());
  const json body = {{"document_id", journal.document_id},
                     {"checksum", journal.checksum},
                     {"consumed_file", journal.consumed_file.string()},
                     {"files", files}};
  const std::string text = body.dump();
  return util::write_file_atomically(journal_path(journal_dir, journal.document_id),
                                     std::as_bytes(std::span<const char>(text.data(), text.size())),
                                     util::Overwrite::yes);
}

Result<Journal> read_journal(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const json body = json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("document_id") || !body.contains("files")) {
    return fail(ErrorCode::corruption, fmt::format("unreadable journal '{}'", path.string()));
  }
  Journal journal;
  try {
    journal.document_id = body.at("document_id").get<DocumentId>();
    journal.checksum = body.at("checksum").get<std::string>();
    journal.consumed_file = body.at("consumed_file").get<std::string>();
    for (const auto& file : body.at("files")) journal.files.emplace_back(file.get<std::string>());
  } catch (const json::exception& failure) {
    return fail(ErrorCode::corruption,
                fmt::format("unreadable journal '{}': {}", path.string(), failure.what()));
  }
  return journal;
}

// Removes `file` and any temporary sibling an interrupted atomic write left beside it.
void remove_written_file(const fs::path& file) {
  std::error_code ignored;
  fs::remove(file, ignored);
  const fs::path folder = file.parent_path();
  if (!fs::is_directory(folder, ignored)) return;
  const std::string temp_prefix = file.filename().string() + ".tmp.";
  for (const auto& entry : fs::directory_iterator(folder, ignored)) {
    if (entry.path().filename().string().rfind(temp_prefix, 0) == 0) fs::remove(entry, ignored);
  }
}

void undo_files(const Journal& journal, media::MediaStore& media) {
  for (const fs::path& file : journal.files) {
    remove_written_file(file);
    for (const auto kind : {media::FileKind::original, media::FileKind::archive}) {
      media::delete_empty_directories(file.parent_path(), media.root(kind));
    }
  }
}

// Deletes the consumed file (and its macOS shadow), but only while it still holds the bytes
// that were stored: a new file dropped under the same name must survive.
void remove_consumed_file(const fs::path& consumed, const std::string& checksum) {
  std::error_code ignored;
  if (!fs::exists(consumed, ignored)) return;
  const auto current = util::md5_file(consumed);
  if (!current || *current != checksum) return;
  fs::remove(consumed, ignored);
  fs::remove(consumed.parent_path() / ("._" + consumed.filename().string()), ignored);
}

struct ChosenNames {
  std::string original;
  std::optional<std::string> archive;
};

Result<ChosenNames> choose_names(storage::WriteContext& tx, const Document& document,
                                 const StoreRequest& request, const StoreOptions& options,
                                 media::MediaStore& media) {
  auto context = build_filename_context(tx, document, options.time_zone);
  if (!context) return fail(context.error());
  // TODO(compat): the database is not asked whether another document's row already claims a
  // name whose file is missing on disk; such a clash fails the insert with `conflict`.
  auto original = media::unique_filename(*context, options.filenames, media::FileKind::original,
                                         request.extension, media.root(media::FileKind::original));
  if (!original) return fail(original.error());
  ChosenNames names{*original, std::nullopt};
  if (request.archive_source) {
    context->filename = *original;
    auto archive = media::unique_filename(*context, options.filenames, media::FileKind::archive,
                                          ".pdf", media.root(media::FileKind::archive));
    if (!archive) return fail(archive.error());
    names.archive = *archive;
  }
  return names;
}

Status write_files(const StoreRequest& request, const ChosenNames& names, DocumentId id,
                   const StoreOptions& options, media::MediaStore& media) {
  if (auto stored =
          media.store_file(media::FileKind::original, request.original_source, names.original);
      !stored) {
    return stored;
  }
  if (names.archive) {
    if (auto stored =
            media.store_file(media::FileKind::archive, *request.archive_source, *names.archive);
        !stored) {
      return stored;
    }
  }
  const fs::path thumbnail_source = options.work_dir / "thumbnail.webp";
  const auto* bytes = reinterpret_cast<const std::byte*>(request.thumbnail.data());
  if (auto written = util::write_file_atomically(
          thumbnail_source, std::span<const std::byte>(bytes, request.thumbnail.size()),
          util::Overwrite::yes);
      !written) {
    return written;
  }
  return media.store_thumbnail(id, thumbnail_source);
}

}  // namespace

Result<Document> store_document(storage::Database& database, media::MediaStore& media,
                                const StoreOptions& options, StoreRequest request) {
  auto lock = media::MediaLock::acquire(media.paths());
  if (!lock) return fail(lock.error());

  Journal journal;
  journal.checksum = request.document.checksum;
  journal.consumed_file = request.consumed_file;
  Document stored = request.document;

  auto committed = database.write([&](storage::WriteContext& tx) -> Status {
    auto id = storage::DocumentRepository::insert(tx, stored);
    if (!id) return fail(id.error());
    stored.id = *id;

    auto names = choose_names(tx, stored, request, options, media);
    if (!names) return fail(names.error());
    stored.filename = names->original;
    stored.archive_filename = names->archive;

    journal.document_id = stored.id;
    journal.files = {media.root(media::FileKind::original) / names->original,
                     media.paths().thumbnail_path(stored.id)};
    if (names->archive)
      journal.files.push_back(media.root(media::FileKind::archive) / *names->archive);
    if (auto written = write_journal(options.journal_dir, journal); !written) return written;

    if (auto written = write_files(request, *names, stored.id, options, media); !written) {
      return written;
    }
    return storage::DocumentRepository::set_filenames(tx, stored.id, stored.filename,
                                                      stored.archive_filename);
  });

  if (!committed) {
    if (journal.document_id != 0) {
      undo_files(journal, media);
      std::error_code ignored;
      fs::remove(journal_path(options.journal_dir, journal.document_id), ignored);
    }
    return fail(committed.error());
  }

  remove_consumed_file(request.consumed_file, journal.checksum);
  std::error_code ignored;
  fs::remove(journal_path(options.journal_dir, stored.id), ignored);
  return stored;
}

Result<int> recover_interrupted_consumptions(storage::Database& database, media::MediaStore& media,
                                             const fs::path& journal_dir) {
  std::error_code error;
  if (!fs::is_directory(journal_dir, error)) return 0;
  auto lock = media::MediaLock::acquire(media.paths());
  if (!lock) return fail(lock.error());

  int handled = 0;
  for (const auto& entry : fs::directory_iterator(journal_dir, error)) {
    if (entry.path().filename().string().find(".json.tmp.") != std::string::npos) {
      // A journal still being written when the process died: nothing was stored after it yet.
      fs::remove(entry.path(), error);
      continue;
    }
    if (entry.path().extension() != ".json") continue;
    auto journal = read_journal(entry.path());
    if (!journal) {
      // A journal is written atomically, so an unreadable one was never acted on.
      consumer_logger()->warn("removing unreadable consume journal file=\"{}\"",
                              entry.path().string());
      fs::remove(entry.path(), error);
      continue;
    }
    auto row = database.read([&](storage::ReadContext& tx) {
      return storage::DocumentRepository::get(tx, journal->document_id,
                                              storage::DocumentRepository::Trash::include);
    });
    if (!row) return fail(row.error());

    if (*row && (*row)->checksum == journal->checksum) {
      remove_consumed_file(journal->consumed_file, journal->checksum);
      consumer_logger()->info("finished interrupted consumption document_id={} file=\"{}\"",
                              journal->document_id, journal->consumed_file.string());
    } else {
      undo_files(*journal, media);
      consumer_logger()->warn(
          "undid interrupted consumption; the file will be consumed again file=\"{}\"",
          journal->consumed_file.string());
    }
    fs::remove(entry.path(), error);
    ++handled;
  }
  return handled;
}

}  // namespace quire::consumer
