// Kills `quire document_consumer --oneshot` at random moments and checks that the next run
// leaves every input file either a complete document or still in the consumption folder.

#include "e2e_support.hpp"
#include "util/checksum.hpp"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace quire::e2e {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int k_max_rounds = 40;
constexpr auto k_time_budget = std::chrono::seconds(120);
constexpr std::size_t k_files_per_round = 4;

// Small born-digital PDFs and text files of the corpus (no OCR, so rounds stay short).
std::vector<fs::path> small_inputs() {
  const fs::path corpus = quire::test::shared_dir() / "corpus" / "set-small";
  std::vector<fs::path> inputs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(corpus, error)) {
    const auto extension = entry.path().extension();
    const auto name = entry.path().filename().string();
    if (extension == ".txt" ||
        (extension == ".pdf" && name.find("SCAN") == std::string::npos &&
         name.find("scan") == std::string::npos && entry.file_size() < 8000)) {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

struct RoundReport {
  int journals_at_restart = 0;
  int documents = 0;
  int left_in_folder = 0;
};

// Checks the invariant after the recovering run and returns what it saw.
RoundReport check_invariant(const Installation& installation,
                            const std::map<std::string, std::string>& checksum_of_input) {
  RoundReport report;
  const auto documents = installation.documents();
  std::map<std::string, const Document*> by_checksum;
  for (const Document& document : documents) by_checksum[document.checksum] = &document;

  for (const auto& [name, checksum] : checksum_of_input) {
    const bool in_folder = fs::exists(installation.consume_dir() / name);
    const auto found = by_checksum.find(checksum);
    const bool stored = found != by_checksum.end();
    EXPECT_NE(in_folder, stored) << name
                                 << (in_folder ? " is both a document and still queued"
                                               : " is lost");
    if (in_folder) ++report.left_in_folder;
    if (!stored) continue;
    ++report.documents;
    const Document& document = *found->second;
    const fs::path original = installation.originals_dir() / document.filename.value_or("?");
    EXPECT_EQ(util::md5_file(original).value_or("missing"), checksum) << name;
    EXPECT_TRUE(fs::exists(installation.thumbnails_dir() / fmt::format("{:07d}.webp", document.id)))
        << name;
  }
  EXPECT_EQ(documents.size(), static_cast<std::size_t>(report.documents));

  std::vector<std::string> expected_files;
  for (const Document& document : documents) expected_files.push_back(*document.filename);
  std::sort(expected_files.begin(), expected_files.end());
  EXPECT_EQ(files_below(installation.originals_dir()), expected_files) << "stray originals";
  EXPECT_EQ(files_below(installation.thumbnails_dir()).size(), documents.size())
      << "stray thumbnails";
  for (const std::string& file : files_below(installation.media_dir())) {
    EXPECT_EQ(file.find(".tmp."), std::string::npos) << file;
  }
  const auto journals = files_below(installation.journal_dir());
  EXPECT_TRUE(journals.empty()) << "journal left behind: " << journals.front();
  return report;
}

TEST(CrashTest, KilledConsumerRecoversWithoutLosingOrDuplicatingFiles) {
  const auto inputs = small_inputs();
  ASSERT_GE(inputs.size(), k_files_per_round);
  const char* seed_text = std::getenv("QUIRE_CRASH_SEED");
  const unsigned seed = seed_text != nullptr ? static_cast<unsigned>(std::atoi(seed_text))
                                             : static_cast<unsigned>(std::random_device{}());
  std::cout << "crash test seed: " << seed << " (QUIRE_CRASH_SEED to repeat)\n";
  std::mt19937 random(seed);

  // One undisturbed run calibrates the kill window to this machine's speed.
  const auto calibration_start = Clock::now();
  {
    const Installation installation;
    for (std::size_t index = 0; index < k_files_per_round; ++index) {
      fs::copy_file(inputs[index], installation.consume_dir() / inputs[index].filename());
    }
    const QuireRun run = run_quire({"document_consumer", "--oneshot"}, installation.env());
    ASSERT_EQ(run.exit_code, 0) << run.all_output();
    ASSERT_EQ(installation.documents().size(), k_files_per_round);
  }
  const auto full_run =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - calibration_start);
  std::cout << "undisturbed run of " << k_files_per_round << " files: " << full_run.count()
            << " ms\n";

  const auto started = Clock::now();
  int rounds = 0;
  int killed = 0;
  int mid_store = 0;
  while (rounds < k_max_rounds && Clock::now() - started < k_time_budget) {
    ++rounds;
    const Installation installation;
    std::map<std::string, std::string> checksum_of_input;
    std::vector<fs::path> chosen;
    std::sample(inputs.begin(), inputs.end(), std::back_inserter(chosen), k_files_per_round,
                random);
    for (const fs::path& input : chosen) {
      const fs::path target = installation.consume_dir() / input.filename();
      fs::copy_file(input, target);
      checksum_of_input[input.filename().string()] = *util::md5_file(target);
    }

    const auto delay = std::chrono::milliseconds(
        std::uniform_int_distribution<long>(1, std::max<long>(2, full_run.count()))(random));
    const QuireRun interrupted =
        run_quire({"document_consumer", "--oneshot"}, installation.env(), delay);
    if (interrupted.killed) ++killed;
    const int journals = static_cast<int>(files_below(installation.journal_dir()).size());
    mid_store += journals;

    const QuireRun recovery = run_quire({"document_consumer", "--oneshot"}, installation.env());
    ASSERT_EQ(recovery.exit_code, 0)
        << "round " << rounds << " delay " << delay.count() << " ms: " << recovery.all_output();
    const RoundReport report = check_invariant(installation, checksum_of_input);
    EXPECT_EQ(report.left_in_folder, 0) << "round " << rounds << ": the recovering run "
                                        << "should consume every remaining file";
    if (::testing::Test::HasFailure()) {
      std::cout << "failed in round " << rounds << " (kill after " << delay.count() << " ms)\n";
      break;
    }
  }
  std::cout << "crash test: rounds=" << rounds << " killed=" << killed
            << " journals found at restart=" << mid_store << "\n";
  EXPECT_GT(killed, 0) << "no run was interrupted; the kill window is too wide";
}

}  // namespace
}  // namespace quire::e2e
