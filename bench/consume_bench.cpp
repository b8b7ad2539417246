// consume_bench: the speed and memory targets of the consumption pipeline, each measured
// against a reference run in the same process run on the same files (see bench/README.md).

#include "bench_support.hpp"
#include "benchmarks.hpp"
#include "config/logging.hpp"
#include "config/settings.hpp"
#include "util/scratch_dir.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <set>
#include <thread>
#include <unistd.h>

namespace {

using namespace quire;

struct Sizes {
  std::size_t pdfs = 0;        ///< born-digital PDFs consumed; 0 = all
  std::size_t ocr_pages = 0;   ///< scanned pages recognised; 0 = all
  std::size_t thumbnails = 0;  ///< PDFs thumbnailed
};

constexpr Sizes k_full_sizes{250, 0, 50};
constexpr Sizes k_smoke_sizes{5, 1, 3};

struct Args {
  bool smoke = false;
  bool full = false;
  std::optional<std::size_t> pdfs;
  std::optional<std::size_t> ocr_pages;
  std::optional<std::size_t> thumbnails;
  std::vector<std::string> only;
  std::string corpus = QUIRE_BENCH_CORPUS;
  std::string quire = QUIRE_BENCH_QUIRE_BINARY;
  std::string languages = "deu+eng";
};

const std::vector<std::string> k_benchmark_names{"born-digital", "ocr", "thumbnails", "rss"};

// libgomp reads OMP_THREAD_LIMIT while it loads, before main(); the benchmark needs one OCR
// thread per process like the consumer, so the process image restarts once with it set.
void limit_openmp_threads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);
}

// The settings of a fresh instance below `root` (SQLite, its own folders), ignoring the
// caller's PAPERLESS_* environment so that the figures do not depend on it.
Result<config::Settings> bench_settings(const std::filesystem::path& root,
                                        const std::string& languages) {
  const config::SettingValues values{
      {"PAPERLESS_DATA_DIR", (root / "data").string()},
      {"PAPERLESS_MEDIA_ROOT", (root / "media").string()},
      {"PAPERLESS_CONSUMPTION_DIR", (root / "consume").string()},
      {"PAPERLESS_SCRATCH_DIR", (root / "scratch").string()},
      {"PAPERLESS_OCR_LANGUAGE", languages},
  };
  return config::parse_settings(values);
}

Sizes chosen_sizes(const Args& args) {
  Sizes sizes = args.smoke ? k_smoke_sizes : k_full_sizes;
  if (args.pdfs) sizes.pdfs = *args.pdfs;
  if (args.ocr_pages) sizes.ocr_pages = *args.ocr_pages;
  if (args.thumbnails) sizes.thumbnails = *args.thumbnails;
  return sizes;
}

int run(const Args& args) {
  auto corpus = bench::read_corpus(args.corpus);
  if (!corpus) {
    fmt::print(stderr, "consume_bench: {}\n", corpus.error().message);
    return 1;
  }
  auto work_dir = util::ScratchDir::create(std::filesystem::temp_directory_path(), "quire-bench-");
  if (!work_dir) {
    fmt::print(stderr, "consume_bench: {}\n", work_dir.error().message);
    return 1;
  }
  auto settings = bench_settings(work_dir->path() / "born-digital", args.languages);
  if (!settings) {
    fmt::print(stderr, "consume_bench: {}\n", settings.error().message);
    return 1;
  }
  config::init_logging(*settings, config::ConsoleLogging::quiet);

  const bench::BenchContext context{work_dir->path(), args.quire, args.languages,
                                    std::move(*corpus)};
  const Sizes sizes = chosen_sizes(args);
  const std::set<std::string> only(args.only.begin(), args.only.end());
  const std::vector<std::pair<std::string, std::function<Status()>>> benchmarks{
      {"born-digital",
       [&] { return bench::run_born_digital_bench(context, *settings, sizes.pdfs); }},
      {"ocr", [&] { return bench::run_ocr_bench(context, sizes.ocr_pages); }},
      {"thumbnails", [&] { return bench::run_thumbnail_bench(context, sizes.thumbnails); }},
      {"rss", [&] { return bench::run_idle_rss_bench(context); }},
  };

  fmt::print("consume_bench: corpus {}, {} cores, OMP_THREAD_LIMIT={}\n", args.corpus,
             std::thread::hardware_concurrency(), std::getenv("OMP_THREAD_LIMIT"));
  std::fflush(stdout);
  int failed = 0;
  for (const auto& [name, benchmark] : benchmarks) {
    if (!only.empty() && only.count(name) == 0) continue;
    if (auto ran = benchmark(); !ran) {
      fmt::print(stderr, "consume_bench: {} FAILED: {}\n", name, ran.error().message);
      ++failed;
    }
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  limit_openmp_threads(argv);
  CLI::App app{"Times Quire's consumption pipeline against reference tools on the same files."};
  Args args;
  auto* smoke =
      app.add_flag("--smoke", args.smoke, "a small input: 5 PDFs, 1 OCR page, 3 thumbnails");
  app.add_flag("--full", args.full,
               "the full run (the default): 250 PDFs, every scanned page, "
               "50 thumbnails")
      ->excludes(smoke);
  app.add_option("--pdfs", args.pdfs, "born-digital PDFs to consume (0 = all)");
  app.add_option("--ocr-pages", args.ocr_pages, "scanned pages to OCR (0 = all)");
  app.add_option("--thumbnails", args.thumbnails, "PDFs to thumbnail (0 = all)");
  app.add_option("--only", args.only, "run only these benchmarks")
      ->check(CLI::IsMember(k_benchmark_names))
      ->delimiter(',');
  app.add_option("--corpus", args.corpus, "corpus set folder (with truth.jsonl)");
  app.add_option("--quire", args.quire, "the quire binary, for the idle RSS probe");
  app.add_option("--languages", args.languages, "OCR languages");
  CLI11_PARSE(app, argc, argv);
  return run(args);
}
