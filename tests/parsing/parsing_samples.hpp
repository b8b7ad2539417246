#pragma once

#include "parsing/parser.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace quire::parsing::test {

/// A file in paperless-ngx's src/documents/tests/samples/.
inline std::filesystem::path documents_sample(std::string_view name) {
  return quire::test::paperless_sample("src/documents/tests/samples/" + std::string(name));
}

/// A file in paperless-ngx's src/paperless_tesseract/tests/samples/.
inline std::filesystem::path tesseract_sample(std::string_view name) {
  return quire::test::paperless_sample("src/paperless_tesseract/tests/samples/" +
                                       std::string(name));
}

/// A file in paperless-ngx's src/paperless_text/tests/samples/.
inline std::filesystem::path text_sample(std::string_view name) {
  return quire::test::paperless_sample("src/paperless_text/tests/samples/" + std::string(name));
}

/// Whether Tesseract's data for `language` is installed where libtesseract looks by default.
inline bool have_ocr_language(std::string_view language) {
  const std::filesystem::path data = "/usr/share/tesseract-ocr/5/tessdata";
  return std::filesystem::exists(data / (std::string(language) + ".traineddata"));
}

inline ParseRequest request_for(const std::filesystem::path& path, std::string mime_type) {
  ParseRequest request;
  request.path = path;
  request.mime_type = std::move(mime_type);
  request.original_filename = path.filename().string();
  return request;
}

/// `text` lower-cased (ASCII) for OCR comparisons that do not care about case.
inline std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

/// Asserts that every string in `expected` occurs in `text`, in that order.
inline ::testing::AssertionResult contains_in_order(
    const std::string& text, std::initializer_list<std::string_view> expected) {
  std::size_t from = 0;
  for (const auto piece : expected) {
    const std::size_t found = text.find(piece, from);
    if (found == std::string::npos) {
      return ::testing::AssertionFailure()
             << "'" << piece << "' not found (in order) in text: " << text;
    }
    from = found + piece.size();
  }
  return ::testing::AssertionSuccess();
}

}  // namespace quire::parsing::test

/// Skips (locally) or fails (in CI) a test that needs Tesseract's English data.
#define QUIRE_REQUIRE_OCR()                                       \
  do {                                                            \
    if (!::quire::parsing::test::have_ocr_language("eng")) {      \
      QUIRE_SKIP_UNLESS_CI("tesseract-ocr-eng is not installed"); \
    }                                                             \
  } while (false)
