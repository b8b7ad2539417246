#include "util/scratch_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

namespace quire::util {

Result<ScratchDir> ScratchDir::create(const std::filesystem::path& parent,
                                      std::string_view prefix) {
  std::error_code error;
  std::filesystem::create_directories(parent, error);
  if (error) {
    return fail(ErrorCode::io, "cannot create scratch folder '" + parent.string() +
                                   "': " + error.message());
  }
  std::string pattern = (parent / prefix).string() + "XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return fail(ErrorCode::io, "cannot create a temporary folder in '" + parent.string() +
                                   "': " + std::strerror(errno));
  }
  return ScratchDir(std::filesystem::path(pattern));
}

ScratchDir::ScratchDir(ScratchDir&& other) noexcept : m_path(std::move(other.m_path)) {
  other.m_path.clear();
}

ScratchDir& ScratchDir::operator=(ScratchDir&& other) noexcept {
  if (this != &other) {
    remove();
    m_path = std::move(other.m_path);
    other.m_path.clear();
  }
  return *this;
}

ScratchDir::~ScratchDir() { remove(); }

void ScratchDir::remove() {
  if (m_path.empty()) return;
  std::error_code ignored;  // best effort: a leftover scratch folder harms nothing
  std::filesystem::remove_all(m_path, ignored);
  m_path.clear();
}

}  // namespace quire::util
