#pragma once

#include <spdlog/spdlog.h>

#include <memory>

namespace quire::consumer {

/// The "consumer" logger, or spdlog's default logger when `init_logging` has not made it.
[[nodiscard]] inline std::shared_ptr<spdlog::logger> consumer_logger() {
  auto logger = spdlog::get("consumer");
  return logger != nullptr ? logger : spdlog::default_logger();
}

}  // namespace quire::consumer
