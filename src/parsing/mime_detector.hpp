#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace quire::parsing {

/// Content-based MIME detection with libmagic, as paperless-ngx does with python-magic.
///
/// One detector holds one loaded magic database; `detect` may be called from any thread (calls
/// are serialised by an internal mutex, since a `magic_t` is not thread-safe). Create one per
/// process and share it.
class MimeDetector {
 public:
  /// Loads the system magic database. Fails with `unavailable` when it cannot be loaded.
  [[nodiscard]] static Result<MimeDetector> create();

  MimeDetector(MimeDetector&&) noexcept;
  MimeDetector& operator=(MimeDetector&&) noexcept;
  ~MimeDetector();

  /// The MIME type of the file at `path`, e.g. "application/pdf", judged by its content.
  ///
  /// libmagic reports a mail without `Received:`/`From ` lines as text/plain; a text/plain file
  /// whose name ends in `.eml` is therefore reported as message/rfc822. An empty file gives
  /// "inode/x-empty". Fails with `not_found` when the file is missing and `io` when
  /// libmagic cannot read it.
  [[nodiscard]] Result<std::string> detect(const std::filesystem::path& path) const;

 private:
  struct Impl;
  explicit MimeDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace quire::parsing
