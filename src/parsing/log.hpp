#pragma once

#include <spdlog/spdlog.h>

#include <memory>

namespace quire::parsing {

/// The "parse" logger, or spdlog's default logger when `init_logging` has not made it.
[[nodiscard]] inline std::shared_ptr<spdlog::logger> parse_logger() {
  auto logger = spdlog::get("parse");
  return logger != nullptr ? logger : spdlog::default_logger();
}

}  // namespace quire::parsing
