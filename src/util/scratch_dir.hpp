#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <string_view>

namespace quire::util {

/// A fresh folder `<parent>/<prefix>XXXXXX` (mkdtemp) that is removed with everything in it
/// when the object dies. Movable, not copyable.
class ScratchDir {
 public:
  /// Creates `parent` when missing. Fails with `io` naming the folder when it cannot.
  [[nodiscard]] static Result<ScratchDir> create(const std::filesystem::path& parent,
                                                 std::string_view prefix);

  ScratchDir(ScratchDir&& other) noexcept;
  ScratchDir& operator=(ScratchDir&& other) noexcept;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir();

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  explicit ScratchDir(std::filesystem::path path) : m_path(std::move(path)) {}
  void remove();

  std::filesystem::path m_path;  ///< empty once moved from
};

}  // namespace quire::util
