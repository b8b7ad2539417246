#pragma once

#include "core/error.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quire::bench {

/// One document of a corpus set, as its `truth.jsonl` line describes it.
struct CorpusEntry {
  std::filesystem::path path;  ///< absolute: the corpus folder joined with `file`
  std::string format;          ///< "pdf" (born-digital), "scan", "image", "txt", "eml"
  int pages = 0;
};

/// Every entry of `corpus_dir/truth.jsonl`, in file order. Fails with `not_found` when the
/// file is missing and `invalid_argument` naming the line when one is not a JSON object with
/// `file` and `format`.
[[nodiscard]] Result<std::vector<CorpusEntry>> read_corpus(const std::filesystem::path& corpus_dir);

/// The first `limit` entries whose format is `format` (all of them when `limit` is 0).
[[nodiscard]] std::vector<CorpusEntry> entries_of_format(const std::vector<CorpusEntry>& corpus,
                                                         std::string_view format,
                                                         std::size_t limit);

/// Runs a reference tool to completion (no shell). Fails with `unavailable` when the program
/// is missing and `internal` when it exits non-zero; the message names the command and quotes
/// the last lines it wrote on stderr.
[[nodiscard]] Status run_tool(const std::vector<std::string>& argv,
                              const std::vector<std::pair<std::string, std::string>>& env = {});

/// Wall-clock time since construction, in seconds.
class Stopwatch {
 public:
  Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  }

 private:
  std::chrono::steady_clock::time_point m_start;
};

/// ImageMagick's `convert`: /usr/bin/convert when it exists, else the one in PATH.
[[nodiscard]] std::string convert_program();

/// Copies `from` to `to` (replacing it), naming both in the error.
[[nodiscard]] Status copy_file_to(const std::filesystem::path& from,
                                  const std::filesystem::path& to);

/// Creates `dir` and its parents, naming it in the error.
[[nodiscard]] Status make_dir(const std::filesystem::path& dir);

/// The median of `values` (0 when empty).
[[nodiscard]] double median(std::vector<double> values);

/// Prints "<label>: quire A s (<detail>), reference B s (<detail>), ratio A/B (target <= T)"
/// for a time where lower is better for Quire; no target prints "(for information)".
void print_ratio(std::string_view label, double quire_seconds, std::string_view quire_detail,
                 double reference_seconds, std::string_view reference_detail,
                 std::optional<double> target);

/// `what` prefixed to an error's message, keeping its code.
[[nodiscard]] Error prefixed(std::string_view what, const Error& error);

}  // namespace quire::bench
