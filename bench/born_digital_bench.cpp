// Benchmark 1: born-digital PDF consumption through the real Consumer against the poppler
// command-line tools doing what paperless-ngx does per PDF (text layer + first page at 300 dpi).

#include "benchmarks.hpp"
#include "cli/runtime.hpp"
#include "config/settings.hpp"
#include "consumer/consume_request.hpp"

#include <fmt/format.h>

namespace quire::bench {
namespace {

constexpr double k_target_ratio = 1.3;
constexpr std::size_t k_failures_shown = 5;

struct ConsumeCounts {
  std::size_t stored = 0;
  std::size_t duplicates = 0;  ///< the corpus holds exact copies; rejecting them is correct
  std::vector<std::string> failures;
};

Result<ConsumeCounts> consume_all(const config::Settings& settings,
                                  const std::vector<std::filesystem::path>& files,
                                  double& seconds) {
  auto runtime = cli::open_runtime(settings);
  if (!runtime) return fail(prefixed("cannot open the Quire runtime", runtime.error()));

  ConsumeCounts counts;
  const Stopwatch watch;
  for (const auto& file : files) {
    consumer::ConsumeRequest request;
    request.original_file = file;
    auto outcome = (*runtime)->consumer->consume(request);
    if (outcome) {
      ++counts.stored;
    } else if (outcome.error().code == ErrorCode::conflict) {
      ++counts.duplicates;
    } else {
      counts.failures.push_back(outcome.error().message);
    }
  }
  seconds = watch.seconds();
  return counts;
}

// One pdftotext and one pdftoppm per file, sequentially; `render_args` choose the rendering.
Result<double> run_reference(const std::vector<CorpusEntry>& pdfs,
                             const std::vector<std::string>& render_args,
                             const std::filesystem::path& out_dir) {
  const std::string text_out = (out_dir / "out.txt").string();
  const std::string image_out = (out_dir / "out").string();
  const Stopwatch watch;
  for (const CorpusEntry& pdf : pdfs) {
    if (auto text = run_tool({"pdftotext", pdf.path.string(), text_out}); !text) {
      return fail(text.error());
    }
    std::vector<std::string> render{"pdftoppm", "-singlefile"};
    render.insert(render.end(), render_args.begin(), render_args.end());
    render.insert(render.end(), {"-png", pdf.path.string(), image_out});
    if (auto image = run_tool(render); !image) return fail(image.error());
  }
  return watch.seconds();
}

std::string rate(std::size_t count, double seconds) {
  return fmt::format("{:.1f} docs/s", seconds > 0 ? static_cast<double>(count) / seconds : 0.0);
}

}  // namespace

Status run_born_digital_bench(const BenchContext& context, const config::Settings& settings,
                              std::size_t count) {
  const auto pdfs = entries_of_format(context.corpus, "pdf", count);
  if (pdfs.empty()) return fail(ErrorCode::not_found, "no born-digital PDFs in the corpus");

  // Copying into the consumption folder is not timed; it also puts the originals, which the
  // reference reads, into the page cache.
  const auto consume_dir = settings.paths.consumption_dir;
  if (auto made = make_dir(consume_dir); !made) return made;
  std::vector<std::filesystem::path> files;
  for (const CorpusEntry& pdf : pdfs) {
    files.push_back(consume_dir / pdf.path.filename());
    if (auto copied = copy_file_to(pdf.path, files.back()); !copied) return copied;
  }

  double quire_seconds = 0;
  auto counts = consume_all(settings, files, quire_seconds);
  if (!counts) return fail(counts.error());
  for (std::size_t i = 0; i < counts->failures.size() && i < k_failures_shown; ++i) {
    fmt::print(stderr, "born-digital consumption failed: {}\n", counts->failures[i]);
  }
  if (!counts->failures.empty()) {
    return fail(ErrorCode::internal, fmt::format("Quire failed to consume {} of {} PDFs",
                                                 counts->failures.size(), files.size()));
  }

  const auto out_dir = context.work_dir / "born-digital-reference";
  if (auto made = make_dir(out_dir); !made) return made;
  auto reference = run_reference(pdfs, {"-r", "300"}, out_dir);
  if (!reference)
    return fail(prefixed("reference (pdftotext + pdftoppm -r 300)", reference.error()));
  auto small_reference = run_reference(pdfs, {"-scale-to-x", "500", "-scale-to-y", "-1"}, out_dir);
  if (!small_reference) {
    return fail(
        prefixed("reference (pdftotext + pdftoppm -scale-to-x 500)", small_reference.error()));
  }

  const std::size_t n = pdfs.size();
  print_ratio("born-digital consumption", quire_seconds,
              fmt::format("{}; {} stored, {} duplicates rejected", rate(n, quire_seconds),
                          counts->stored, counts->duplicates),
              *reference, fmt::format("{}, {} PDFs", rate(n, *reference), n), k_target_ratio);
  print_ratio("born-digital consumption vs thumbnail-size reference render", quire_seconds, "",
              *small_reference,
              fmt::format("{}, pdftoppm -scale-to-x 500", rate(n, *small_reference)), std::nullopt);
  return {};
}

}  // namespace quire::bench
