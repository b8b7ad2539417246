#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace quire::consumer {

/// The default of `PAPERLESS_CONSUMER_IGNORE_PATTERNS`: macOS, Synology, Syncthing and Windows
/// metadata files and folders (`.DS_Store`, `._*`, `@eaDir/*`, `Thumbs.db`, …).
[[nodiscard]] std::vector<std::string> default_ignore_patterns();

/// True when the file at `path` inside `consumption_dir` must not be consumed (pipeline.md
/// §2.4 step 2). The path relative to `consumption_dir` is split into components; directory
/// components get a trailing `/`; the file is ignored when any pattern matches any single
/// component with `util::glob_match`. So `@eaDir/*` ignores everything under a folder named
/// `@eaDir` at any depth, and a pattern that needs characters after a `/` never matches.
/// Both paths are compared lexically (neither is resolved on disk), so pass both in the same
/// form (absolute and canonical, as the folder watcher does).
[[nodiscard]] bool is_ignored(const std::filesystem::path& path,
                              const std::filesystem::path& consumption_dir,
                              std::span<const std::string> patterns);

}  // namespace quire::consumer
