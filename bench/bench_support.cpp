#include "bench_support.hpp"

#include "util/subprocess.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <fstream>

namespace quire::bench {
namespace {

constexpr std::size_t k_stderr_lines_kept = 3;

std::string join_argv(const std::vector<std::string>& argv) {
  std::string joined;
  for (const std::string& arg : argv) {
    if (!joined.empty()) joined += ' ';
    joined += arg;
  }
  return joined;
}

}  // namespace

Result<std::vector<CorpusEntry>> read_corpus(const std::filesystem::path& corpus_dir) {
  const auto truth_path = corpus_dir / "truth.jsonl";
  std::ifstream in(truth_path);
  if (!in)
    return fail(ErrorCode::not_found, "cannot read corpus truth '" + truth_path.string() + "'");

  std::vector<CorpusEntry> entries;
  std::string line;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    if (line.empty()) continue;
    const auto json = nlohmann::json::parse(line, nullptr, false);
    if (!json.is_object() || !json.contains("file") || !json["file"].is_string() ||
        !json.contains("format") || !json["format"].is_string()) {
      return fail(ErrorCode::invalid_argument,
                  fmt::format("{} line {}: not an object with 'file' and 'format'",
                              truth_path.string(), line_number));
    }
    CorpusEntry entry;
    entry.path = corpus_dir / json["file"].get<std::string>();
    entry.format = json["format"].get<std::string>();
    if (json.contains("pages") && json["pages"].is_number_integer()) {
      entry.pages = json["pages"].get<int>();
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<CorpusEntry> entries_of_format(const std::vector<CorpusEntry>& corpus,
                                           std::string_view format, std::size_t limit) {
  std::vector<CorpusEntry> chosen;
  for (const CorpusEntry& entry : corpus) {
    if (limit != 0 && chosen.size() >= limit) break;
    if (entry.format == format) chosen.push_back(entry);
  }
  return chosen;
}

Status run_tool(const std::vector<std::string>& argv,
                const std::vector<std::pair<std::string, std::string>>& env) {
  std::deque<std::string> last_lines;
  util::SubprocessOptions options;
  options.argv = argv;
  options.extra_env = env;
  options.on_stderr_line = [&last_lines](std::string_view line) {
    last_lines.emplace_back(line);
    if (last_lines.size() > k_stderr_lines_kept) last_lines.pop_front();
  };
  auto result = util::run_subprocess(options);
  if (!result) {
    const auto code =
        result.error().code == ErrorCode::not_found ? ErrorCode::unavailable : result.error().code;
    return fail(code, "cannot run '" + join_argv(argv) + "': " + result.error().message);
  }
  if (result->exit_code != 0) {
    std::string said;
    for (const std::string& line : last_lines) said += (said.empty() ? "" : " | ") + line;
    return fail(ErrorCode::internal,
                fmt::format("'{}' exited with {}: {}", join_argv(argv), result->exit_code, said));
  }
  return {};
}

std::string convert_program() {
  // /usr/local/bin/convert may be a wrapper script in front of the real one.
  return std::filesystem::exists("/usr/bin/convert") ? "/usr/bin/convert" : "convert";
}

Status copy_file_to(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code error;
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, error);
  if (error) {
    return fail(ErrorCode::io,
                "cannot copy '" + from.string() + "' to '" + to.string() + "': " + error.message());
  }
  return {};
}

Status make_dir(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return fail(ErrorCode::io, "cannot create folder '" + dir.string() + "': " + error.message());
  }
  return {};
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

void print_ratio(std::string_view label, double quire_seconds, std::string_view quire_detail,
                 double reference_seconds, std::string_view reference_detail,
                 std::optional<double> target) {
  const auto detail = [](std::string_view text) {
    return text.empty() ? std::string() : fmt::format(" ({})", text);
  };
  const double ratio = reference_seconds > 0 ? quire_seconds / reference_seconds : 0.0;
  const std::string goal =
      target ? fmt::format("target <= {:g}", *target) : std::string("for information");
  fmt::print("{}: quire {:.3f} s{}, reference {:.3f} s{}, ratio {:.2f} ({})\n", label,
             quire_seconds, detail(quire_detail), reference_seconds, detail(reference_detail),
             ratio, goal);
  std::fflush(stdout);
}

Error prefixed(std::string_view what, const Error& error) {
  return Error{error.code, std::string(what) + ": " + error.message};
}

}  // namespace quire::bench
