// `quire document_thumbnails [--document N] [--processes N] [--no-progress-bar]`: regenerates
// thumbnails of stored documents (admin.md §5).

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_bar.hpp"
#include "cli/runtime.hpp"
#include "consumer/thumbnail_regenerator.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>

namespace quire::cli {
namespace {

struct ThumbnailsArgs {
  std::optional<DocumentId> document;
  int processes = 1;
  bool no_progress_bar = false;
};

// paperless-ngx's default: a quarter of the cores, at least one.
int default_processes() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency() / 4));
}

int run_thumbnails(const ThumbnailsArgs& args, const config::Settings& settings) {
  if (args.processes < 1) {
    fmt::print(stderr, "quire document_thumbnails: at least one process is required\n");
    return k_exit_failure;
  }
  auto runtime = open_runtime(settings);
  if (!runtime) {
    fmt::print(stderr, "quire document_thumbnails: {}\n", runtime.error().message);
    return k_exit_failure;
  }
  const consumer::ThumbnailRegenerator regenerator(*(*runtime)->database, (*runtime)->media,
                                                   (*runtime)->parsers,
                                                   settings.paths.scratch_dir);
  auto ids = regenerator.targets(args.document);
  if (!ids) {
    fmt::print(stderr, "quire document_thumbnails: {}\n", ids.error().message);
    return k_exit_failure;
  }

  ProgressBar progress("Thumbnails", ids->size(),
                       args.no_progress_bar ? ProgressDisplay::off : ProgressDisplay::automatic);
  auto summary = regenerator.regenerate_all(
      *ids, args.processes, [&progress](const consumer::ThumbnailReport& report) {
        if (report.outcome != consumer::ThumbnailOutcome::regenerated) {
          progress.message(fmt::format("document {}: {}", report.id, report.message));
        }
        progress.advance();
      });
  if (!summary) {
    progress.message(fmt::format("quire document_thumbnails: {}", summary.error().message));
    return k_exit_failure;
  }
  return summary->failed > 0 ? k_exit_failure : k_exit_success;
}

}  // namespace

CommandRun define_document_thumbnails(CLI::App& command) {
  auto args = std::make_shared<ThumbnailsArgs>();
  args->processes = default_processes();
  command.add_option("-d,--document", args->document,
                     "regenerate the thumbnail of this document id only");
  command.add_option("--processes", args->processes,
                     "number of documents worked on at once (default: a quarter of the cores)")
      ->capture_default_str();
  command.add_flag("--no-progress-bar", args->no_progress_bar, "do not show a progress bar");
  return [args](const config::Settings& settings) { return run_thumbnails(*args, settings); };
}

}  // namespace quire::cli
