// `quire document_renamer [--no-progress-bar]`: moves every live document's files to the names
// the current PAPERLESS_FILENAME_FORMAT or storage path gives (admin.md §8).

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_bar.hpp"
#include "cli/runtime.hpp"
#include "consumer/document_renamer.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace quire::cli {
namespace {

consumer::RenameOptions rename_options(const config::Settings& settings) {
  consumer::RenameOptions options;
  options.filenames.format = settings.filenames.format;
  options.filenames.remove_none = settings.filenames.remove_none;
  options.time_zone = settings.dates.time_zone;
  return options;
}

int run_renamer(bool no_progress_bar, const config::Settings& settings) {
  auto runtime = open_runtime(settings);
  if (!runtime) {
    fmt::print(stderr, "quire document_renamer: {}\n", runtime.error().message);
    return k_exit_failure;
  }
  const consumer::DocumentRenamer renamer(*(*runtime)->database, (*runtime)->media,
                                          (*runtime)->parsers, rename_options(settings));
  auto ids = renamer.live_documents();
  if (!ids) {
    fmt::print(stderr, "quire document_renamer: {}\n", ids.error().message);
    return k_exit_failure;
  }

  ProgressBar progress("Renaming", ids->size(),
                       no_progress_bar ? ProgressDisplay::off : ProgressDisplay::automatic);
  const auto summary = renamer.rename_all(*ids, [&progress](const consumer::RenameReport& report) {
    if (report.outcome == consumer::RenameOutcome::failed) {
      progress.message(fmt::format("document {}: cannot rename: {}", report.id, report.message));
    }
    progress.advance();
  });
  spdlog::get("cli")->info("renamed documents renamed={} unchanged={} failed={}", summary.renamed,
                           summary.unchanged, summary.failed);
  // As in paperless-ngx, a document that cannot be renamed is reported, not fatal.
  return k_exit_success;
}

}  // namespace

CommandRun define_document_renamer(CLI::App& command) {
  auto no_progress_bar = std::make_shared<bool>(false);
  command.add_flag("--no-progress-bar", *no_progress_bar, "do not show a progress bar");
  return [no_progress_bar](const config::Settings& settings) {
    return run_renamer(*no_progress_bar, settings);
  };
}

}  // namespace quire::cli
