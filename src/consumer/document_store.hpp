#pragma once

#include "core/document.hpp"
#include "core/error.hpp"
#include "media/filename_generator.hpp"
#include "parsing/parser.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace quire::storage {
class Database;
}
namespace quire::media {
class MediaStore;
}

namespace quire::consumer {

/// A parsed document ready to be stored.
struct StoreRequest {
  Document document;                      ///< every column but id and file names
  std::filesystem::path original_source;  ///< the bytes to keep as the original
  std::optional<std::filesystem::path> archive_source;
  parsing::WebpBytes thumbnail;
  std::string extension;  ///< of the original, from its MIME type (".pdf")
  /// The consumption-folder (or upload) file, deleted once the document is committed, with its
  /// macOS `._<name>` shadow file.
  std::filesystem::path consumed_file;
};

/// Where and how documents are stored.
struct StoreOptions {
  std::filesystem::path journal_dir;  ///< DATA_DIR/consume-journal
  std::filesystem::path work_dir;     ///< scratch space of this consumption
  media::FilenameOptions filenames;
  std::string time_zone = "UTC";
};

/// Stores a document crash-safely and returns it with its id and file names.
///
/// Under the media lock and inside one database write transaction: the row is inserted (which
/// gives the id), the file names are chosen (admin.md §9.6), a journal naming the id, the
/// checksum, the consumed file and every file about to be written is written durably to
/// `journal_dir`, the original, thumbnail and archive file are written atomically, the file
/// names are saved, and the transaction commits. Then the consumed file is deleted and the
/// journal removed. If anything fails before the commit, the files written so far are removed
/// and the transaction rolls back. If the process dies at any point, the journal lets
/// `recover_interrupted_consumptions` finish or undo the work.
[[nodiscard]] Result<Document> store_document(storage::Database& database, media::MediaStore& media,
                                              const StoreOptions& options, StoreRequest request);

/// Finishes or undoes each consumption a crash interrupted, as the journals in `journal_dir`
/// describe: when the document row was committed (same id and checksum), the consumed file is
/// deleted if it is still there with the same checksum; otherwise every file the journal names
/// (and its temporary siblings) is deleted, so the consumed file is consumed again. Call once at
/// start, before any consumption. Returns how many journals were handled.
[[nodiscard]] Result<int> recover_interrupted_consumptions(
    storage::Database& database, media::MediaStore& media,
    const std::filesystem::path& journal_dir);

}  // namespace quire::consumer
