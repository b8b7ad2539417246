#pragma once

#include "config/settings.hpp"

namespace quire::config {

/// Where log lines go besides the rotating file.
enum class ConsoleLogging {
  quiet,    ///< warnings and errors only, for commands whose stdout is their result
  verbose,  ///< the configured level, for long-running services and `-v`
};

/// Creates the named loggers every domain uses (`consumer`, `storage`, `parse`, `media`, `tasks`,
/// `api`, `search`, `mail`, `cli`): each writes to stderr and to `LOGGING_DIR/paperless.log`
/// (rotated by size as PAPERLESS_LOGROTATE_* say). Call once, before any other thread starts.
/// A log folder that cannot be created leaves file logging off, with one warning.
void init_logging(const Settings& settings, ConsoleLogging console);

}  // namespace quire::config
