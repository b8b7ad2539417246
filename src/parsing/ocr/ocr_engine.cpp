#include "parsing/ocr/ocr_engine.hpp"

#include "parsing/log.hpp"

#include <fmt/format.h>
#include <tesseract/baseapi.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace quire::parsing {
namespace {

void limit_openmp_threads() {
  static std::once_flag once;
  std::call_once(once, [] {
    // OpenMP oversubscribes small machines and makes Tesseract about 3.6 times slower.
    if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
      parse_logger()->warn("OMP_THREAD_LIMIT was not set; Tesseract may use extra threads");
      setenv("OMP_THREAD_LIMIT", "1", 0);
    }
  });
}

struct TesseractDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};

// One engine per thread: a TessBaseAPI may not be shared between threads.
struct ThreadEngine {
  std::unique_ptr<tesseract::TessBaseAPI, TesseractDeleter> api;
  std::string languages;
  std::string tessdata_dir;
};

Result<tesseract::TessBaseAPI*> engine_for(std::string_view languages,
                                           const std::filesystem::path& tessdata_dir) {
  thread_local ThreadEngine engine;
  if (engine.api != nullptr && engine.languages == languages &&
      engine.tessdata_dir == tessdata_dir.string()) {
    return engine.api.get();
  }

  limit_openmp_threads();
  engine.api.reset();
  std::unique_ptr<tesseract::TessBaseAPI, TesseractDeleter> api(new tesseract::TessBaseAPI());
  const std::string language_string(languages);
  const std::string data_dir = tessdata_dir.string();
  // Tesseract prints diagnostics ("Invalid resolution", missing data files) on stderr; the
  // debug file takes them away. Our own errors report what matters.
  std::vector<std::string> names{"debug_file"};
  std::vector<std::string> values{"/dev/null"};
  if (api->Init(data_dir.empty() ? nullptr : data_dir.c_str(), language_string.c_str(),
                tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0) {
    return fail(ErrorCode::unavailable,
                fmt::format("Tesseract could not load the OCR language(s) '{}'", languages));
  }
  // TessBaseAPI defaults to a single text block; documents need layout analysis, as the
  // tesseract command does by default.
  api->SetPageSegMode(tesseract::PSM_AUTO);
  engine = ThreadEngine{std::move(api), language_string, data_dir};
  return engine.api.get();
}

}  // namespace

Result<std::string> recognise_text(const Bitmap& image, std::string_view languages,
                                   const std::filesystem::path& tessdata_dir) {
  if (image.empty()) return fail(ErrorCode::invalid_argument, "cannot OCR an empty image");
  auto api = engine_for(languages, tessdata_dir);
  if (!api) return fail(api.error());

  // Poppler's BGRA is not the RGBA Tesseract expects for 4-byte pixels; gray avoids the issue.
  Bitmap converted;
  const Bitmap* gray = &image;
  if (image.format != PixelFormat::gray8) {
    converted = to_gray(image);
    gray = &converted;
  }
  (*api)->SetImage(gray->pixels.data(), gray->width, gray->height, 1, gray->stride);
  if (image.dpi > 0) (*api)->SetSourceResolution(image.dpi);

  const std::unique_ptr<char[]> text((*api)->GetUTF8Text());
  (*api)->Clear();
  if (text == nullptr) {
    return fail(ErrorCode::internal, "Tesseract failed to recognise the page");
  }
  return std::string(text.get());
}

}  // namespace quire::parsing
