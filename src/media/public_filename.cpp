#include "media/public_filename.hpp"

#include "media/sanitize.hpp"

#include <fmt/format.h>

namespace quire::media {

std::string public_filename(Date created, const std::optional<std::string>& correspondent,
                            std::string_view title, std::string_view extension, int counter) {
  std::string name =
      fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(created.year()),
                  static_cast<unsigned>(created.month()), static_cast<unsigned>(created.day()));
  if (correspondent) name += " " + *correspondent;
  if (!title.empty()) name += " " + std::string(title);
  if (counter > 0) name += fmt::format("_{:02d}", counter);
  name += extension;
  return sanitize_filename(name);
}

}  // namespace quire::media
