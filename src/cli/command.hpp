#pragma once

#include "config/logging.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>
#include <vector>

namespace quire::cli {

/// What a command does once its arguments are parsed: gets the loaded settings and returns the
/// process exit code (cli/exit_codes.hpp). It may throw; main() turns a stray exception into
/// one stderr line and exit code 1.
using CommandRun = std::function<int(const config::Settings&)>;

/// One management command. `define` adds the command's options to its CLI11 subcommand and
/// returns the action, which captures the parsed option values.
struct CommandSpec {
  std::string_view name;  ///< the paperless-ngx command it mirrors, e.g. "document_consumer"
  std::string_view summary;
  CommandRun (*define)(CLI::App& command);
  /// Services log what they do on stderr; other commands only warnings, unless `-v 2`.
  config::ConsoleLogging logging = config::ConsoleLogging::quiet;
};

/// Every command Quire has, in the order `quire --help` lists them. Defined in commands.cpp,
/// the one place a new command is registered.
[[nodiscard]] const std::vector<CommandSpec>& all_commands();

}  // namespace quire::cli
