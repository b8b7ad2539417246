#pragma once

#include "bench_support.hpp"
#include "core/error.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace quire::config {
struct Settings;
}

namespace quire::bench {

/// What every benchmark reads. The corpus is read once by the driver.
struct BenchContext {
  std::filesystem::path work_dir;  ///< a temp folder of this run; each benchmark makes its own
  std::filesystem::path quire_binary;
  std::string ocr_languages = "deu+eng";
  std::vector<CorpusEntry> corpus;
};

/// Each benchmark prints its result lines on stdout and fails only when it cannot run (a tool
/// missing, a document Quire or the reference cannot process); a ratio off its target is a
/// printed figure, never an error.

/// Consumption of `count` born-digital PDFs through `Consumer::consume` (runtime from
/// `settings`, opened before timing) against `pdftotext` + `pdftoppm` per file.
[[nodiscard]] Status run_born_digital_bench(const BenchContext& context,
                                            const config::Settings& settings, std::size_t count);

/// `recognise_text` against the `tesseract` command on `page_count` pages of the scanned PDFs.
[[nodiscard]] Status run_ocr_bench(const BenchContext& context, std::size_t page_count);

/// `make_pdf_thumbnail` against ImageMagick's 300 dpi render scaled to 500x5000 on the first
/// `count` PDFs (0 = all).
[[nodiscard]] Status run_thumbnail_bench(const BenchContext& context, std::size_t count);

/// Resident memory of an idle `quire document_consumer` two seconds after start-up.
[[nodiscard]] Status run_idle_rss_bench(const BenchContext& context);

}  // namespace quire::bench
