#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace quire::test {

/// Regular files below `folder` as paths relative to it, sorted; empty when it is missing.
/// Shared by the consumer and end-to-end suites to compare folder contents.
inline std::vector<std::string> files_below(const std::filesystem::path& folder) {
  std::vector<std::string> files;
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder, error)) {
    if (entry.is_regular_file()) {
      files.push_back(std::filesystem::relative(entry.path(), folder).string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace quire::test
