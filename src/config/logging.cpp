#include "config/logging.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace quire::config {
namespace {

const char* const k_logger_names[] = {"consumer", "storage", "parse", "media", "tasks",
                                      "api",      "search",  "mail",  "cli"};

spdlog::level::level_enum level_from_setting(const std::string& level) {
  if (level == "debug") return spdlog::level::debug;
  if (level == "warning") return spdlog::level::warn;
  if (level == "error") return spdlog::level::err;
  if (level == "critical") return spdlog::level::critical;
  return spdlog::level::info;
}

}  // namespace

void init_logging(const Settings& settings, ConsoleLogging console) {
  const auto level = level_from_setting(settings.logging.level);

  auto console_sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console_sink->set_level(console == ConsoleLogging::quiet ? spdlog::level::warn : level);
  std::vector<spdlog::sink_ptr> sinks{console_sink};

  std::string file_problem;
  std::error_code error;
  std::filesystem::create_directories(settings.paths.logging_dir, error);
  if (error) {
    file_problem = error.message();
  } else {
    try {
      sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
          (settings.paths.logging_dir / "paperless.log").string(),
          static_cast<std::size_t>(settings.logging.rotation_bytes),
          static_cast<std::size_t>(settings.logging.rotation_backups)));
      sinks.back()->set_level(level);
    } catch (const spdlog::spdlog_ex& failure) {
      file_problem = failure.what();
    }
  }

  for (const char* name : k_logger_names) {
    spdlog::drop(name);
    auto logger = std::make_shared<spdlog::logger>(name, sinks.begin(), sinks.end());
    logger->set_level(level);
    logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] [%n] %v");
    spdlog::register_logger(logger);
  }
  auto fallback = std::make_shared<spdlog::logger>("quire", sinks.begin(), sinks.end());
  fallback->set_level(level);
  spdlog::set_default_logger(fallback);

  if (!file_problem.empty()) {
    spdlog::get("cli")->warn("file logging is off: cannot use log folder dir=\"{}\" reason=\"{}\"",
                             settings.paths.logging_dir.string(), file_problem);
  }
}

}  // namespace quire::config
