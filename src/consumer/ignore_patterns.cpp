#include "consumer/ignore_patterns.hpp"

#include "util/glob.hpp"

namespace quire::consumer {

std::vector<std::string> default_ignore_patterns() {
  return {".DS_Store",    ".DS_STORE",   "._*",      ".stfolder/*", ".stversions/*",
          ".localized/*", "desktop.ini", "@eaDir/*", "Thumbs.db"};
}

bool is_ignored(const std::filesystem::path& path, const std::filesystem::path& consumption_dir,
                std::span<const std::string> patterns) {
  std::filesystem::path relative = path.lexically_relative(consumption_dir);
  if (relative.empty()) relative = path.relative_path();
  const std::string file_name = relative.filename().string();

  std::vector<std::string> components;
  for (const auto& part : relative) {
    std::string component = part.string();
    if (component.empty()) continue;
    // paperless-ngx decides "is this the file name?" by comparing names, so a folder that has
    // the same name as the file (`a.pdf/a.pdf`) gets no trailing `/`. Kept for compatibility:
    // it decides whether patterns such as `@eaDir/*` match such a folder.
    if (component != file_name) component += '/';
    components.push_back(std::move(component));
  }

  for (const auto& pattern : patterns) {
    for (const auto& component : components) {
      if (util::glob_match(pattern, component)) return true;
    }
  }
  return false;
}

}  // namespace quire::consumer
