#pragma once

#include <unistd.h>
#include <utility>

namespace quire::util {

/// Sole owner of a POSIX file descriptor: closes it when destroyed or reset. Move-only.
/// A negative value means "none".
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  [[nodiscard]] int get() const { return m_fd; }
  [[nodiscard]] bool valid() const { return m_fd >= 0; }

  /// Gives up ownership without closing.
  [[nodiscard]] int release() { return std::exchange(m_fd, -1); }

  /// Closes the current descriptor (errors ignored) and takes `fd`.
  void reset(int fd = -1) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = fd;
  }

 private:
  int m_fd = -1;
};

}  // namespace quire::util
