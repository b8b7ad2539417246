// Benchmark 2: OCR time per page. Quire's in-process engine and the tesseract command read the
// same 300 dpi gray page images, rendered once beforehand; both run with OMP_THREAD_LIMIT=1.
// pdftoppm takes about 17 s to compress one noisy scan page as PNG, so pages are rendered as PGM
// and turned into quickly compressed PNGs (with their 300 dpi recorded) by ImageMagick.

#include "benchmarks.hpp"
#include "parsing/image/image_reader.hpp"
#include "parsing/ocr/ocr_engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace quire::bench {
namespace {

constexpr double k_target_ratio = 1.1;
constexpr int k_startup_runs = 3;
constexpr int k_dpi = 300;
constexpr const char* k_dpi_text = "300";
const std::vector<std::pair<std::string, std::string>> k_tesseract_env{{"OMP_THREAD_LIMIT", "1"}};

// pdftoppm names pages <prefix>-<n>.pgm with n zero-padded to the page count's width.
Result<std::filesystem::path> to_png(const std::filesystem::path& pgm) {
  auto png = pgm;
  png.replace_extension(".png");
  const auto converted =
      run_tool({convert_program(), pgm.string(), "-define", "png:compression-level=1", "-units",
                "PixelsPerInch", "-density", k_dpi_text, png.string()});
  if (!converted) return fail(converted.error());
  std::error_code ignored;
  std::filesystem::remove(pgm, ignored);
  return png;
}

Result<std::vector<std::filesystem::path>> render_pages(const std::vector<CorpusEntry>& scans,
                                                        std::size_t page_count,
                                                        const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> pages;
  for (std::size_t scan_idx = 0; scan_idx < scans.size() && pages.size() < page_count; ++scan_idx) {
    const std::string prefix = fmt::format("scan{:03}", scan_idx);
    const auto rendered = run_tool({"pdftoppm", "-r", k_dpi_text, "-gray",
                                    scans[scan_idx].path.string(), (dir / prefix).string()});
    if (!rendered) return fail(rendered.error());
    std::vector<std::filesystem::path> of_scan;
    for (const auto& item : std::filesystem::directory_iterator(dir)) {
      if (item.path().filename().string().starts_with(prefix + "-")) of_scan.push_back(item.path());
    }
    std::sort(of_scan.begin(), of_scan.end());
    for (const auto& pgm : of_scan) {
      auto png = to_png(pgm);
      if (!png) return fail(png.error());
      pages.push_back(std::move(*png));
    }
  }
  if (pages.size() > page_count) pages.resize(page_count);
  return pages;
}

// Both engines are told the rendering's resolution (the tesseract command with --dpi).
Result<parsing::Bitmap> load_page(const std::filesystem::path& png) {
  auto images = parsing::read_image_pages(png, png.filename().string(), {});
  if (!images) return fail(images.error());
  images->front().dpi = k_dpi;
  return std::move(images->front());
}

Result<std::size_t> text_file_length(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::io, "tesseract wrote no '" + path.string() + "'");
  return static_cast<std::size_t>(
      std::distance(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

// What one tesseract call costs before it recognises anything (loading the language models):
// the median of a few runs on a tiny image.
Result<double> tesseract_startup(const std::filesystem::path& first_scan,
                                 const std::filesystem::path& dir, std::string_view languages) {
  const auto tiny = dir / "tiny";
  const auto rendered = run_tool({"pdftoppm", "-r", "10", "-gray", "-singlefile", "-f", "1", "-l",
                                  "1", first_scan.string(), tiny.string()});
  if (!rendered) return fail(rendered.error());
  std::vector<double> runs;
  for (int run = 0; run < k_startup_runs; ++run) {
    const Stopwatch watch;
    const auto ran = run_tool({"tesseract", tiny.string() + ".pgm", (dir / "tiny-out").string(),
                               "--dpi", k_dpi_text, "-l", std::string(languages)},
                              k_tesseract_env);
    if (!ran) return fail(ran.error());
    runs.push_back(watch.seconds());
  }
  return median(runs);
}

struct OcrTotals {
  double quire_seconds = 0;
  double reference_seconds = 0;
  std::size_t quire_chars = 0;
  std::size_t reference_chars = 0;
};

// Quire then the command on each page in turn, so that drift in machine load hits both.
Status time_pages(const std::vector<std::filesystem::path>& pages, const std::filesystem::path& dir,
                  std::string_view languages, OcrTotals& totals) {
  const auto out_base = dir / "page-out";
  for (const auto& page : pages) {
    auto bitmap = load_page(page);
    if (!bitmap) return fail(bitmap.error());

    const Stopwatch quire_watch;
    auto text = parsing::recognise_text(*bitmap, languages);
    totals.quire_seconds += quire_watch.seconds();
    if (!text) return fail(prefixed("Quire OCR of " + page.filename().string(), text.error()));
    totals.quire_chars += text->size();

    const Stopwatch reference_watch;
    const auto ran =
        run_tool({"tesseract", page.string(), out_base.string(), "-l", std::string(languages)},
                 k_tesseract_env);
    totals.reference_seconds += reference_watch.seconds();
    if (!ran) return fail(ran.error());
    auto length = text_file_length(out_base.string() + ".txt");
    if (!length) return fail(length.error());
    totals.reference_chars += *length;
  }
  return {};
}

}  // namespace

Status run_ocr_bench(const BenchContext& context, std::size_t page_count) {
  const auto scans = entries_of_format(context.corpus, "scan", 0);
  if (scans.empty()) return fail(ErrorCode::not_found, "no scanned PDFs in the corpus");
  const auto dir = context.work_dir / "ocr";
  if (auto made = make_dir(dir); !made) return made;
  auto pages = render_pages(scans, page_count == 0 ? SIZE_MAX : page_count, dir);
  if (!pages) return fail(prefixed("rendering scanned pages", pages.error()));
  if (pages->empty()) return fail(ErrorCode::not_found, "the scanned PDFs gave no pages");

  // The engine is set up once per thread and kept, as in the consumer; its set-up is not
  // part of a page's time, so one untimed page comes first.
  auto warm_page = load_page(pages->front());
  if (!warm_page) return fail(warm_page.error());
  if (auto warm = parsing::recognise_text(*warm_page, context.ocr_languages); !warm) {
    return fail(prefixed("Quire OCR set-up", warm.error()));
  }

  OcrTotals totals;
  if (auto timed = time_pages(*pages, dir, context.ocr_languages, totals); !timed) return timed;
  auto startup = tesseract_startup(scans.front().path, dir, context.ocr_languages);
  if (!startup) return fail(prefixed("tesseract start-up", startup.error()));

  const double n = static_cast<double>(pages->size());
  print_ratio("OCR per page", totals.quire_seconds / n, fmt::format("{} chars", totals.quire_chars),
              totals.reference_seconds / n,
              fmt::format("{} pages, -l {}, {} chars", pages->size(), context.ocr_languages,
                          totals.reference_chars),
              k_target_ratio);
  const double reference_without_startup = totals.reference_seconds / n - *startup;
  print_ratio("OCR per page without tesseract start-up", totals.quire_seconds / n, "",
              reference_without_startup,
              fmt::format("minus {:.3f} s measured on a tiny page", *startup), std::nullopt);
  return {};
}

}  // namespace quire::bench
