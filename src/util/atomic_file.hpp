#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <span>
#include <string_view>

namespace quire::util {

/// Whether an atomic write may replace a file that already exists at the target.
enum class Overwrite { no, yes };

/// Receives chunks of data for an atomic write. Only valid during the callback it is passed to.
class AtomicWriter {
 public:
  virtual ~AtomicWriter() = default;
  /// Appends `data`; returns an `io` error naming the file when the system refuses.
  [[nodiscard]] virtual Status write(std::span<const std::byte> data) = 0;
  [[nodiscard]] Status write(std::string_view text);
};

/// Fills an atomic write; returning an error abandons it.
using FillFunction = std::function<Status(AtomicWriter&)>;

/// Writes `target` atomically: the data goes to a temporary file in the same folder, which is
/// flushed to disk (fsync), renamed onto `target`, and then the folder itself is synced. Readers
/// see either the old file (or none) or the complete new one, never a partial file.
///
/// With `Overwrite::no` an existing `target` is left untouched and the call fails with
/// `conflict`. When `fill` fails, or any system call does, the temporary file is removed, the
/// old `target` (if any) is intact and the error is returned. The parent folder must exist.
/// Blocks on disk I/O.
[[nodiscard]] Status write_file_atomically(const std::filesystem::path& target,
                                           const FillFunction& fill,
                                           Overwrite overwrite = Overwrite::no);

/// `write_file_atomically` with a ready buffer.
[[nodiscard]] Status write_file_atomically(const std::filesystem::path& target,
                                           std::span<const std::byte> data,
                                           Overwrite overwrite = Overwrite::no);

/// Copies `source` to `target` atomically (same guarantees as `write_file_atomically`). Fails
/// with `not_found` when `source` is missing and `io` when it cannot be read.
[[nodiscard]] Status copy_file_atomically(const std::filesystem::path& source,
                                          const std::filesystem::path& target,
                                          Overwrite overwrite = Overwrite::no);

/// Renames `from` to `to` (same file system) and syncs the target folder. With
/// `Overwrite::no` an existing `to` is refused atomically with `conflict`. A missing `from` is
/// `not_found`; other failures are `io` errors naming both paths. Across file systems (EXDEV)
/// the file is copied atomically and the source removed.
[[nodiscard]] Status move_file(const std::filesystem::path& from, const std::filesystem::path& to,
                               Overwrite overwrite = Overwrite::no);

/// Flushes the folder entry list of `directory` to disk, so a rename inside it survives a crash.
[[nodiscard]] Status sync_directory(const std::filesystem::path& directory);

}  // namespace quire::util
