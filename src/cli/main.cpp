// The `quire` binary: parses argv, loads settings, runs one management command.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "config/settings.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <exception>
#include <limits>
#include <string>

namespace {

using quire::cli::CommandRun;
using quire::cli::CommandSpec;

// Ninja-style "did you mean": the registered name nearest to what was typed.
std::string nearest_command(std::string_view typed) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const CommandSpec& spec : quire::cli::all_commands()) {
    const std::size_t distance = quire::util::edit_distance(typed, spec.name);
    if (distance < best_distance) {
      best_distance = distance;
      best = spec.name;
    }
  }
  return best_distance <= std::max<std::size_t>(3, typed.size() / 2) ? best : std::string();
}

int report_unknown_command(const std::string& typed) {
  const std::string suggestion = nearest_command(typed);
  if (suggestion.empty()) {
    fmt::print(stderr, "quire: unknown command '{}'; see 'quire --help'\n", typed);
  } else {
    fmt::print(stderr, "quire: unknown command '{}'; did you mean '{}'?\n", typed, suggestion);
  }
  return quire::cli::k_exit_usage;
}

int run(int argc, char** argv) {
  CLI::App app{"Quire: a fast, paperless-ngx compatible document management system.", "quire"};
  app.require_subcommand(1);
  app.allow_extras(false);

  CommandRun chosen;
  for (const CommandSpec& spec : quire::cli::all_commands()) {
    CLI::App* command = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
    CommandRun action = spec.define(*command);
    command->final_callback([&chosen, action] { chosen = action; });
  }

  if (argc >= 2 && argv[1][0] != '-' && app.get_subcommand_no_throw(argv[1]) == nullptr) {
    return report_unknown_command(argv[1]);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? quire::cli::k_exit_success : quire::cli::k_exit_usage;
  }

  auto settings = quire::config::load_settings();
  if (!settings) {
    fmt::print(stderr, "quire: {}\n", settings.error().message);
    return quire::cli::k_exit_failure;
  }
  return chosen(*settings);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    fmt::print(stderr, "quire: {}\n", error.what());
    return quire::cli::k_exit_failure;
  }
}
