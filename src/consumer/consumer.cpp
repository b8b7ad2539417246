#include "consumer/consumer.hpp"

#include "consumer/consume_scripts.hpp"
#include "consumer/document_store.hpp"
#include "consumer/log.hpp"
#include "consumer/metadata_assignment.hpp"
#include "consumer/title_template.hpp"
#include "dates/date_parser.hpp"
#include "media/media_store.hpp"
#include "media/public_filename.hpp"
#include "parsing/mime_detector.hpp"
#include "parsing/thumbnail.hpp"
#include "storage/correspondent_repository.hpp"
#include "storage/database.hpp"
#include "storage/document_repository.hpp"
#include "storage/document_type_repository.hpp"
#include "storage/tag_repository.hpp"
#include "storage/user_repository.hpp"
#include "util/checksum.hpp"
#include "util/scratch_dir.hpp"
#include "util/time_zone.hpp"

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t k_max_asn = 4'294'967'295;
constexpr std::size_t k_max_title_chars = 127;

// One consumption in progress: the request, the name it goes by, and the failure convention
// "<filename>: <reason>", logged once here and carried in the task result.
class Attempt {
 public:
  explicit Attempt(const ConsumeRequest& request)
      : m_request(request),
        m_filename(request.overrides.filename.value_or(request.original_file.filename().string())) {
  }

  [[nodiscard]] const ConsumeRequest& request() const { return m_request; }
  [[nodiscard]] const std::string& filename() const { return m_filename; }

  [[nodiscard]] Error failure(ErrorCode code, std::string_view reason) const {
    consumer_logger()->error("consumption failed task_id={} file=\"{}\" reason=\"{}\"",
                             m_request.task_id, m_filename, reason);
    return Error{code, fmt::format("{}: {}", m_filename, reason)};
  }

  [[nodiscard]] Error failure(const Error& error) const {
    return failure(error.code, error.message);
  }

 private:
  const ConsumeRequest& m_request;
  std::string m_filename;
};

std::string format_date(Date date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

// Python's str() of an aware UTC datetime: "2025-11-20 08:15:30.123456+00:00".
std::string format_python_timestamp(Timestamp moment) {
  return fmt::format("{:%Y-%m-%d %H:%M:%S}+00:00", moment);
}

Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

Result<Timestamp> modification_time(const fs::path& path) {
  std::error_code error;
  const auto file_time = fs::last_write_time(path, error);
  if (error) {
    return fail(ErrorCode::io, fmt::format("cannot read the modification time of '{}': {}",
                                           path.string(), error.message()));
  }
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::file_clock::to_sys(file_time));
}

}  // namespace

Consumer::Consumer(ConsumerServices services, ConsumerOptions options)
    : m_services(services), m_options(std::move(options)) {}

namespace {

// pipeline.md §4.1: the file exists, is no duplicate (trash included) and its ASN is free.
Result<std::string> run_preflight(const Attempt& attempt, storage::Database& database,
                                  bool delete_duplicates) {
  const fs::path& original = attempt.request().original_file;
  std::error_code error;
  if (!fs::is_regular_file(original, error)) {
    return fail(attempt.failure(ErrorCode::not_found,
                                fmt::format("File not found: {}", original.string())));
  }
  auto checksum = util::md5_file(original);
  if (!checksum) return fail(attempt.failure(checksum.error()));

  auto duplicate = database.read([&](storage::ReadContext& tx) {
    return storage::DocumentRepository::find_by_checksum_or_archive_checksum(tx, *checksum);
  });
  if (!duplicate) return fail(attempt.failure(duplicate.error()));
  if (*duplicate) {
    std::string reason =
        fmt::format("Not consuming {}: It is a duplicate of {} (#{}).", attempt.filename(),
                    (*duplicate)->document.title, (*duplicate)->document.id);
    if ((*duplicate)->in_trash) reason += " Note: existing document is in the trash.";
    if (delete_duplicates) fs::remove(original, error);
    return fail(attempt.failure(ErrorCode::conflict, reason));
  }

  const auto& asn = attempt.request().overrides.asn;
  if (!asn) return *checksum;
  if (*asn < 0 || *asn > k_max_asn) {
    return fail(attempt.failure(
        ErrorCode::invalid_argument,
        fmt::format("Not consuming {}: Given ASN {} is out of range [0, 4,294,967,295]",
                    attempt.filename(), *asn)));
  }
  auto holder = database.read([&](storage::ReadContext& tx) {
    return storage::DocumentRepository::find_by_asn(tx, static_cast<std::uint32_t>(*asn));
  });
  if (!holder) return fail(attempt.failure(holder.error()));
  if (*holder) {
    std::string reason =
        fmt::format("Not consuming {}: Given ASN {} already exists!", attempt.filename(), *asn);
    if ((*holder)->in_trash) reason += " Note: existing document is in the trash.";
    return fail(attempt.failure(ErrorCode::conflict, reason));
  }
  return *checksum;
}

// Copies the input into the work folder under its consumption name, keeping its times, so
// that parsers and the pre-consume script never touch the user's file.
Result<fs::path> make_working_copy(const Attempt& attempt, const fs::path& work_dir) {
  const fs::path name = fs::path(attempt.filename()).filename();
  const fs::path working = work_dir / (name.empty() ? fs::path("document") : name);
  std::error_code error;
  fs::copy_file(attempt.request().original_file, working, error);
  if (!error) {
    fs::last_write_time(working, fs::last_write_time(attempt.request().original_file, error),
                        error);
  }
  if (error) {
    return fail(attempt.failure(ErrorCode::io, fmt::format("cannot copy the file to '{}': {}",
                                                           working.string(), error.message())));
  }
  return working;
}

}  // namespace

namespace {

struct Parsed {
  std::string mime_type;
  const parsing::Parser* parser = nullptr;
  parsing::ParseResult result;
  parsing::WebpBytes thumbnail;
};

Result<Parsed> parse_file(const Attempt& attempt, const ConsumerServices& services,
                          const ConsumerOptions& options, const fs::path& working,
                          const fs::path& work_dir) {
  Parsed parsed;
  // TODO(compat): paperless-ngx repairs a ".pdf" that libmagic calls application/octet-stream
  // with `qpdf --replace-input` before choosing a parser; Quire rejects it as unsupported.
  auto mime_type = services.mime_detector.detect(working);
  if (!mime_type) return fail(attempt.failure(mime_type.error()));
  parsed.mime_type = *mime_type;

  auto parser = services.parsers.parser_for(parsed.mime_type, attempt.filename());
  if (!parser) {
    return fail(attempt.failure(ErrorCode::unsupported_media_type,
                                fmt::format("Unsupported mime type {}", parsed.mime_type)));
  }
  parsed.parser = *parser;
  consumer_logger()->debug("chose parser task_id={} file=\"{}\" mime_type={} parser={}",
                           attempt.request().task_id, attempt.filename(), parsed.mime_type,
                           parsed.parser->name());

  if (options.pre_consume_script) {
    const PreConsumeScriptInput input{*options.pre_consume_script, attempt.request().original_file,
                                      working, attempt.request().task_id};
    if (auto ran = run_pre_consume_script(input); !ran) return fail(attempt.failure(ran.error()));
  }

  const parsing::ParseRequest parse_request{working, parsed.mime_type, attempt.filename(),
                                            options.ocr, work_dir};
  auto result = parsed.parser->parse(parse_request);
  if (!result) return fail(attempt.failure(result.error()));
  parsed.result = std::move(*result);

  // The thumbnail shows the archive version when there is one (pipeline.md §6.6).
  parsing::ParseRequest thumbnail_request = parse_request;
  if (parsed.result.archive_path) {
    thumbnail_request.path = *parsed.result.archive_path;
    thumbnail_request.mime_type = "application/pdf";
  }
  parsed.thumbnail = parsing::thumbnail_or_generic(parsed.parser->thumbnail(thumbnail_request),
                                                   attempt.filename());
  return parsed;
}

// The title: the consumed name's stem, or the rendered title override (pipeline.md §4.5 9.1).
std::string choose_title(const Attempt& attempt, storage::ReadContext& tx, Timestamp added,
                         const std::string& time_zone) {
  const auto& overrides = attempt.request().overrides;
  std::string title = fs::path(attempt.filename()).stem().string();
  if (overrides.title) {
    TitlePlaceholders placeholders;
    placeholders.added = added;
    placeholders.filename = attempt.filename();
    if (auto offset = util::utc_offset(added, time_zone)) placeholders.utc_offset = *offset;
    if (overrides.correspondent_id) {
      if (auto found = storage::CorrespondentRepository::get(tx, *overrides.correspondent_id);
          found && *found) {
        placeholders.correspondent = (*found)->name;
      }
    }
    if (overrides.document_type_id) {
      if (auto found = storage::DocumentTypeRepository::get(tx, *overrides.document_type_id);
          found && *found) {
        placeholders.document_type = (*found)->name;
      }
    }
    if (overrides.owner_id) {
      if (auto found = storage::UserRepository::get(tx, *overrides.owner_id); found && *found) {
        placeholders.owner_username = (*found)->username;
      }
    }
    auto rendered = render_title(*overrides.title, placeholders);
    if (rendered) {
      title = *rendered;
    } else {
      consumer_logger()->error(
          "title template failed; using the file name task_id={} "
          "file=\"{}\" reason=\"{}\"",
          attempt.request().task_id, attempt.filename(), rendered.error().message);
    }
  }
  return truncate_characters(title, k_max_title_chars);
}

// pipeline.md §4.5 step 9.1: created = override, else the extracted date, else the file's
// modification date in PAPERLESS_TIME_ZONE.
Result<Date> choose_created(const Attempt& attempt, const ConsumerServices& services,
                            const ConsumerOptions& options, const std::string& text) {
  const auto& overrides = attempt.request().overrides;
  if (overrides.created) return *overrides.created;
  auto today = util::local_date(now(), options.time_zone);
  if (!today) return fail(today.error());
  if (auto found = services.date_parser.extract_date(attempt.filename(), text, *today)) {
    return *found;
  }
  auto modified = modification_time(attempt.request().original_file);
  if (!modified) return fail(modified.error());
  return util::local_date(*modified, options.time_zone);
}

Result<Document> build_document(const Attempt& attempt, const ConsumerServices& services,
                                const ConsumerOptions& options, Parsed& parsed,
                                const std::string& checksum) {
  Document document;
  document.added = now();
  document.content = std::move(parsed.result.text);
  document.mime_type = parsed.mime_type;
  document.checksum = checksum;
  document.page_count = parsed.result.page_count;
  document.original_filename = attempt.filename();

  auto created = choose_created(attempt, services, options, document.content);
  if (!created) return fail(attempt.failure(created.error()));
  document.created = *created;

  auto assigned = services.database.read([&](storage::ReadContext& tx) -> Status {
    document.title = choose_title(attempt, tx, document.added, options.time_zone);
    auto candidates = load_matching_candidates(tx);
    if (!candidates) return fail(candidates.error());
    assign_metadata(document, attempt.request().overrides, *candidates);
    return {};
  });
  if (!assigned) return fail(attempt.failure(assigned.error()));
  return document;
}

Result<PostConsumeScriptInput> post_script_input(const Attempt& attempt,
                                                 const ConsumerServices& services,
                                                 const ConsumerOptions& options,
                                                 const Document& document) {
  PostConsumeScriptInput input;
  input.script = *options.post_consume_script;
  input.document_id = std::to_string(document.id);
  input.created = format_date(document.created);
  input.modified = format_python_timestamp(document.modified);
  input.added = format_python_timestamp(document.added);
  input.download_url = fmt::format("/api/documents/{}/download/", document.id);
  input.thumbnail_url = fmt::format("/api/documents/{}/thumb/", document.id);
  input.original_filename = document.original_filename.value_or("");
  input.task_id = attempt.request().task_id;
  const auto& paths = services.media.paths();
  input.source_path = paths.originals_dir() / document.filename.value_or("");
  if (document.archive_filename)
    input.archive_path = paths.archive_dir() / *document.archive_filename;
  input.thumbnail_path = paths.thumbnail_path(document.id);

  auto looked_up = services.database.read([&](storage::ReadContext& tx) -> Status {
    if (document.correspondent_id) {
      auto found = storage::CorrespondentRepository::get(tx, *document.correspondent_id);
      if (!found) return fail(found.error());
      if (*found) input.correspondent = (*found)->name;
    }
    if (document.document_type_id) {
      auto found = storage::DocumentTypeRepository::get(tx, *document.document_type_id);
      if (!found) return fail(found.error());
      if (*found) input.document_type = (*found)->name;
    }
    if (document.owner_id) {
      auto found = storage::UserRepository::get(tx, *document.owner_id);
      if (!found) return fail(found.error());
      if (*found) input.owner = (*found)->username;
    }
    for (const TagId id : document.tag_ids) {
      auto found = storage::TagRepository::get(tx, id);
      if (!found) return fail(found.error());
      if (*found) input.tags.push_back((*found)->name);
    }
    return {};
  });
  if (!looked_up) return fail(looked_up.error());
  std::sort(input.tags.begin(), input.tags.end());
  input.file_name = media::public_filename(document.created, input.correspondent, document.title,
                                           services.parsers.default_extension(document.mime_type));
  return input;
}

}  // namespace

Result<ConsumeOutcome> Consumer::consume(const ConsumeRequest& request) const {
  const Attempt attempt(request);
  const auto started = std::chrono::steady_clock::now();
  consumer_logger()->info("consuming task_id={} file=\"{}\"", request.task_id, attempt.filename());

  auto checksum = run_preflight(attempt, m_services.database, m_options.delete_duplicates);
  if (!checksum) return fail(checksum.error());

  auto work_dir = util::ScratchDir::create(m_options.scratch_dir, "paperless-ngx");
  if (!work_dir) return fail(attempt.failure(work_dir.error()));
  auto working = make_working_copy(attempt, work_dir->path());
  if (!working) return fail(working.error());

  auto parsed = parse_file(attempt, m_services, m_options, *working, work_dir->path());
  if (!parsed) return fail(parsed.error());

  auto document = build_document(attempt, m_services, m_options, *parsed, *checksum);
  if (!document) return fail(document.error());

  StoreRequest store_request{std::move(*document),
                             *working,
                             parsed->result.archive_path,
                             std::move(parsed->thumbnail),
                             m_services.parsers.default_extension(parsed->mime_type),
                             request.original_file};
  const StoreOptions store_options{m_options.journal_dir, work_dir->path(), m_options.filenames,
                                   m_options.time_zone};
  auto stored = store_document(m_services.database, m_services.media, store_options,
                               std::move(store_request));
  if (!stored) {
    return fail(attempt.failure(
        stored.error().code,
        fmt::format("The following error occurred while storing document {} after parsing: {}",
                    attempt.filename(), stored.error().message)));
  }

  // pipeline.md §4.5 step 10: a failing post-consume script fails the task although the
  // document exists (kept from paperless-ngx).
  if (m_options.post_consume_script) {
    auto input = post_script_input(attempt, m_services, m_options, *stored);
    if (!input) return fail(attempt.failure(input.error()));
    if (auto ran = run_post_consume_script(*input); !ran) return fail(attempt.failure(ran.error()));
  }

  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  consumer_logger()->info("consumed document task_id={} id={} file=\"{}\" pages={} ms={}",
                          request.task_id, stored->id, attempt.filename(),
                          stored->page_count.value_or(0), elapsed.count());
  return ConsumeOutcome{stored->id, fmt::format("Success. New document id {} created", stored->id)};
}

}  // namespace quire::consumer
