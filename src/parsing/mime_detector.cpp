#include "parsing/mime_detector.hpp"

#include "util/strings.hpp"

#include <fmt/format.h>
#include <magic.h>

#include <mutex>

namespace quire::parsing {

struct MimeDetector::Impl {
  magic_t cookie = nullptr;
  std::mutex mutex;  // guards every use of `cookie`

  ~Impl() {
    if (cookie != nullptr) magic_close(cookie);
  }
};

MimeDetector::MimeDetector(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
MimeDetector::MimeDetector(MimeDetector&&) noexcept = default;
MimeDetector& MimeDetector::operator=(MimeDetector&&) noexcept = default;
MimeDetector::~MimeDetector() = default;

Result<MimeDetector> MimeDetector::create() {
  auto impl = std::make_unique<Impl>();
  impl->cookie = magic_open(MAGIC_MIME_TYPE);
  if (impl->cookie == nullptr) {
    return fail(ErrorCode::unavailable, "libmagic could not be initialised");
  }
  if (magic_load(impl->cookie, nullptr) != 0) {
    return fail(ErrorCode::unavailable,
                fmt::format("libmagic could not load its database: {}", magic_error(impl->cookie)));
  }
  return MimeDetector(std::move(impl));
}

Result<std::string> MimeDetector::detect(const std::filesystem::path& path) const {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return fail(ErrorCode::not_found, fmt::format("file '{}' does not exist", path.string()));
  }

  std::string mime_type;
  {
    const std::lock_guard lock(m_impl->mutex);
    const char* answer = magic_file(m_impl->cookie, path.c_str());
    if (answer == nullptr) {
      return fail(ErrorCode::io, fmt::format("could not detect the type of '{}': {}", path.string(),
                                             magic_error(m_impl->cookie)));
    }
    mime_type = answer;
  }

  // libmagic needs Received:/From lines to recognise a mail (DEPENDENCIES.md §6).
  if (mime_type == "text/plain" && util::equals_ignoring_case(path.extension().string(), ".eml")) {
    return std::string("message/rfc822");
  }
  return mime_type;
}

}  // namespace quire::parsing
