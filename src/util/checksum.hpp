#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <filesystem>
#include <span>
#include <string>

namespace quire::util {

enum class HashAlgorithm { md5, sha256 };

/// Lower-case hex digest of the file at `path`, read in chunks (constant memory). Fails with
/// `not_found` for a missing file and `io` when it cannot be read (a folder, no permission).
[[nodiscard]] Result<std::string> file_digest(const std::filesystem::path& path,
                                              HashAlgorithm algorithm);

/// Lower-case hex digest of `data`.
[[nodiscard]] Result<std::string> digest(std::span<const std::byte> data, HashAlgorithm algorithm);

/// MD5 hex of a file: the `checksum` / `archive_checksum` of a document.
[[nodiscard]] Result<std::string> md5_file(const std::filesystem::path& path);

/// SHA-256 hex of a file.
[[nodiscard]] Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace quire::util
