#pragma once

#include "consumer/consume_request.hpp"
#include "core/error.hpp"
#include "media/filename_generator.hpp"
#include "parsing/parser.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace quire::storage {
class Database;
}
namespace quire::parsing {
class MimeDetector;
}
namespace quire::dates {
class DateParser;
}
namespace quire::media {
class MediaStore;
}

namespace quire::consumer {

/// How consumption behaves; filled from the settings by `ConsumerRuntime`.
struct ConsumerOptions {
  std::filesystem::path scratch_dir;  ///< working copies and parser output live below it
  /// Where crash-recovery journals are kept (DATA_DIR/consume-journal); see document_store.hpp.
  std::filesystem::path journal_dir;
  bool delete_duplicates = false;  ///< PAPERLESS_CONSUMER_DELETE_DUPLICATES
  std::optional<std::filesystem::path> pre_consume_script;
  std::optional<std::filesystem::path> post_consume_script;
  parsing::OcrOptions ocr;
  media::FilenameOptions filenames;
  std::string time_zone = "UTC";  ///< PAPERLESS_TIME_ZONE: `created` falls back to the mtime's date
};

/// The long-lived services a consumption uses. All must outlive the `Consumer`.
struct ConsumerServices {
  storage::Database& database;
  const parsing::MimeDetector& mime_detector;
  const parsing::ParserRegistry& parsers;
  const dates::DateParser& date_parser;
  media::MediaStore& media;
};

/// Consumes one file into a document: the steps of pipeline.md §4.1 and §4.5 in order
/// (preflight, working copy, MIME type, parser, pre-consume script, parse, thumbnail, date,
/// matching, store, post-consume script).
///
/// On failure nothing is stored and the original file stays where it was (a duplicate is
/// deleted only with `delete_duplicates`); the error's message has paperless-ngx's form
/// "<filename>: <reason>" and is logged once at error level. On success the original is gone
/// and the document row, its original and its thumbnail exist together (see document_store.hpp
/// for how this survives a crash).
///
/// Thread-safe: several workers may consume different files at once; storing is serialised by
/// the database writer and the media lock.
class Consumer {
 public:
  Consumer(ConsumerServices services, ConsumerOptions options);

  [[nodiscard]] Result<ConsumeOutcome> consume(const ConsumeRequest& request) const;

  [[nodiscard]] const ConsumerOptions& options() const { return m_options; }

 private:
  ConsumerServices m_services;
  ConsumerOptions m_options;
};

}  // namespace quire::consumer
