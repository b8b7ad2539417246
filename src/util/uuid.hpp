#pragma once

#include <string>

namespace quire::util {

/// A random (version 4) UUID in its canonical lower-case form, as Celery task ids are.
[[nodiscard]] std::string random_uuid();

}  // namespace quire::util
