#include "consumer/thumbnail_regenerator.hpp"

#include "consumer/log.hpp"
#include "media/media_store.hpp"
#include "parsing/parser.hpp"
#include "parsing/thumbnail.hpp"
#include "storage/database.hpp"
#include "storage/document_repository.hpp"
#include "tasks/worker_pool.hpp"
#include "util/atomic_file.hpp"
#include "util/scratch_dir.hpp"

#include <fmt/core.h>

#include <mutex>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_archive_mime_type = "application/pdf";

ThumbnailReport report(DocumentId id, ThumbnailOutcome outcome, std::string message) {
  return ThumbnailReport{id, outcome, std::move(message)};
}

// What to render: the file, the MIME type it has, and the parser that renders it.
struct ThumbnailSource {
  fs::path path;
  std::string mime_type;
  const parsing::Parser* parser = nullptr;
};

Result<ThumbnailSource> choose_source(const Document& document, const media::MediaPaths& paths,
                                      const parsing::ParserRegistry& parsers) {
  // Checked first so that a document of a type Quire cannot read is skipped, as paperless-ngx
  // skips it, even when it has an archive version.
  auto parser = parsers.parser_for(document.mime_type, document.title);
  if (!parser) return fail(parser.error());

  auto archive = paths.archive_path(document);
  if (!archive) return fail(archive.error());
  if (*archive) {
    auto pdf_parser = parsers.parser_for(k_archive_mime_type, document.title);
    if (!pdf_parser) return fail(pdf_parser.error());
    return ThumbnailSource{**archive, std::string(k_archive_mime_type), *pdf_parser};
  }
  auto original = paths.original_path(document, parsers.default_extension(document.mime_type));
  if (!original) return fail(original.error());
  return ThumbnailSource{*original, document.mime_type, *parser};
}

Status install_thumbnail(media::MediaStore& media, const fs::path& scratch_parent, DocumentId id,
                         const parsing::WebpBytes& bytes) {
  auto scratch = util::ScratchDir::create(scratch_parent, "thumbnail_");
  if (!scratch) return fail(scratch.error());
  const fs::path staged = scratch->path() / "thumbnail.webp";
  const auto data = std::as_bytes(std::span<const std::uint8_t>(bytes.data(), bytes.size()));
  if (auto written = util::write_file_atomically(staged, data); !written) return written;

  auto lock = media::MediaLock::acquire(media.paths());
  if (!lock) return fail(lock.error());
  return media.store_thumbnail(id, staged);
}

}  // namespace

ThumbnailRegenerator::ThumbnailRegenerator(storage::Database& database, media::MediaStore& media,
                                           const parsing::ParserRegistry& parsers,
                                           std::filesystem::path scratch_dir)
    : m_database(database),
      m_media(media),
      m_parsers(parsers),
      m_scratch_dir(std::move(scratch_dir)) {}

Result<std::vector<DocumentId>> ThumbnailRegenerator::targets(
    std::optional<DocumentId> only) const {
  return m_database.read([&](storage::ReadContext& tx) -> Result<std::vector<DocumentId>> {
    if (!only) return storage::DocumentRepository::list_live_ids(tx);
    auto document = storage::DocumentRepository::get(tx, *only);
    if (!document) return fail(document.error());
    if (!*document) {
      return fail(ErrorCode::not_found, fmt::format("document {} does not exist", *only));
    }
    return std::vector<DocumentId>{*only};
  });
}

ThumbnailReport ThumbnailRegenerator::regenerate(DocumentId id) const {
  auto document = m_database.read([&](storage::ReadContext& tx) {
    return storage::DocumentRepository::get(tx, id);
  });
  if (!document) return report(id, ThumbnailOutcome::failed, document.error().message);
  if (!*document) {
    return report(id, ThumbnailOutcome::skipped, "the document is no longer in the library");
  }
  const Document& doc = **document;
  if (doc.storage_type == "gpg") {
    // TODO(compat): legacy GPG-encrypted documents cannot be read without the passphrase
    // handling of decrypt_documents, which Quire does not have yet.
    return report(id, ThumbnailOutcome::failed,
                  "thumbnails of GPG-encrypted documents are not implemented; decrypt it first");
  }

  auto source = choose_source(doc, m_media.paths(), m_parsers);
  if (!source) {
    const bool no_parser = source.error().code == ErrorCode::unsupported_media_type;
    return report(id, no_parser ? ThumbnailOutcome::skipped : ThumbnailOutcome::failed,
                  source.error().message);
  }
  std::error_code error;
  if (!fs::is_regular_file(source->path, error)) {
    // Without this check the parser's fallback would quietly store the generic thumbnail.
    return report(id, ThumbnailOutcome::failed,
                  fmt::format("file is missing: '{}'", source->path.string()));
  }

  const parsing::ParseRequest request{source->path, source->mime_type, doc.title, {}, {}};
  const parsing::WebpBytes bytes =
      parsing::thumbnail_or_generic(source->parser->thumbnail(request), doc.title);
  if (auto installed = install_thumbnail(m_media, m_scratch_dir, id, bytes); !installed) {
    return report(id, ThumbnailOutcome::failed, installed.error().message);
  }
  consumer_logger()->debug("regenerated thumbnail document_id={} source=\"{}\"", id,
                           source->path.string());
  return report(id, ThumbnailOutcome::regenerated, {});
}

Result<ThumbnailRunSummary> ThumbnailRegenerator::regenerate_all(
    std::span<const DocumentId> ids, int workers, const ThumbnailCallback& on_done) const {
  if (workers < 1) {
    return fail(ErrorCode::invalid_argument,
                fmt::format("at least one process is required (got {})", workers));
  }
  ThumbnailRunSummary summary;
  std::mutex mutex;
  const auto finish = [&](const ThumbnailReport& done) {
    const std::lock_guard guard(mutex);
    switch (done.outcome) {
      case ThumbnailOutcome::regenerated: ++summary.regenerated; break;
      case ThumbnailOutcome::skipped: ++summary.skipped; break;
      case ThumbnailOutcome::failed: ++summary.failed; break;
    }
    if (on_done) on_done(done);
  };

  if (workers == 1) {
    for (const DocumentId id : ids) finish(regenerate(id));
    return summary;
  }
  tasks::WorkerPool pool(static_cast<std::size_t>(workers));
  for (const DocumentId id : ids) {
    pool.submit([this, id, &finish] { finish(regenerate(id)); });
  }
  pool.shutdown();
  return summary;
}

}  // namespace quire::consumer
