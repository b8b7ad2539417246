#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace quire::test {

/// The read-only shared data folder (`../shared` beside the checkout).
[[nodiscard]] std::filesystem::path shared_dir();

/// A file under `shared/samples/paperless-ngx/`, e.g. `src/documents/tests/samples/simple.pdf`.
[[nodiscard]] std::filesystem::path paperless_sample(std::string_view relative);

/// True when running in CI (`CI=true`). There a missing tool or service is a failure, never a
/// quiet skip; use QUIRE_SKIP_UNLESS_CI below.
[[nodiscard]] bool running_in_ci();

/// The whole content of the file at `path` (empty when it cannot be read).
[[nodiscard]] std::string read_file(const std::filesystem::path& path);

/// Writes `text` to `path`, creating its parent folders; replaces an existing file.
void write_file(const std::filesystem::path& path, std::string_view text);

/// A fresh, empty folder removed (with its contents) when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

}  // namespace quire::test

/// Skips the test locally with a printed reason, but fails it in CI, where every tool and
/// service the suite needs must be present.
#define QUIRE_SKIP_UNLESS_CI(reason)                             \
  do {                                                           \
    if (::quire::test::running_in_ci()) {                        \
      FAIL() << "required in CI: " << (reason);                  \
    }                                                            \
    GTEST_SKIP() << (reason);                                    \
  } while (false)
