#pragma once

#include "core/document.hpp"
#include "file_listing.hpp"
#include "storage/database.hpp"
#include "test_support.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace quire::e2e {

/// The `quire` binary under test (the QUIRE_BINARY compile definition).
[[nodiscard]] std::filesystem::path quire_binary();

using Environment = std::vector<std::pair<std::string, std::string>>;

/// How one run of the binary ended.
struct QuireRun {
  int exit_code = 0;             ///< minus the signal number when a signal ended it
  bool killed = false;           ///< the timeout passed and the child was SIGKILLed
  std::vector<std::string> out;  ///< stdout lines
  std::vector<std::string> err;  ///< stderr lines

  [[nodiscard]] std::string all_output() const;
};

/// Runs `quire <args…>` with `env` added to this process's environment, stdin on /dev/null.
/// With `kill_after`, the child is SIGKILLed when it is still running after that long.
/// Fails the current test (ADD_FAILURE) when the binary cannot be started.
QuireRun run_quire(const std::vector<std::string>& args, const Environment& env,
                   std::optional<std::chrono::milliseconds> kill_after = std::nullopt);

/// One installation below a temp folder: data/, media/, consume/, scratch/, with the
/// PAPERLESS_* settings that point there.
class Installation {
 public:
  Installation();

  [[nodiscard]] const std::filesystem::path& root() const { return m_root.path(); }
  [[nodiscard]] std::filesystem::path data_dir() const { return root() / "data"; }
  [[nodiscard]] std::filesystem::path media_dir() const { return root() / "media"; }
  [[nodiscard]] std::filesystem::path consume_dir() const { return root() / "consume"; }
  [[nodiscard]] std::filesystem::path journal_dir() const { return data_dir() / "consume-journal"; }
  [[nodiscard]] std::filesystem::path originals_dir() const;
  [[nodiscard]] std::filesystem::path thumbnails_dir() const;

  /// The PAPERLESS_* paths of this installation plus `extra`.
  [[nodiscard]] Environment env(const Environment& extra = {}) const;

  /// Opens this installation's SQLite database (after `quire migrate` or a consumer run).
  [[nodiscard]] std::unique_ptr<storage::Database> open_database() const;

  /// Every live document (fails the test when the database cannot be read).
  [[nodiscard]] std::vector<Document> documents() const;

 private:
  quire::test::TempDir m_root;
};

using quire::test::files_below;

}  // namespace quire::e2e
