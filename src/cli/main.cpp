// The `quire` binary: parses argv, loads settings, runs one management command.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "config/logging.hpp"
#include "config/settings.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>
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

bool is_command(std::string_view name) {
  const auto& commands = quire::cli::all_commands();
  return std::any_of(commands.begin(), commands.end(),
                     [name](const CommandSpec& spec) { return spec.name == name; });
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
  const CommandSpec* chosen_spec = nullptr;
  int verbosity = 1;
  for (const CommandSpec& spec : quire::cli::all_commands()) {
    CLI::App* command = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
    // Django's verbosity levels: 0 minimal, 1 normal, 2 verbose, 3 very verbose.
    command->add_option("-v,--verbosity", verbosity, "0 minimal, 1 normal, 2 and 3 verbose")
        ->check(CLI::Range(0, 3));
    CommandRun action = spec.define(*command);
    command->final_callback([&chosen, &chosen_spec, &spec, action] {
      chosen = action;
      chosen_spec = &spec;
    });
  }

  if (argc >= 2 && argv[1][0] != '-' && !is_command(argv[1])) {
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
  const auto console = verbosity >= 2 ? quire::config::ConsoleLogging::verbose
                                      : chosen_spec->logging;
  quire::config::init_logging(*settings, console);
  return chosen(*settings);
}

// libgomp, loaded with libtesseract, reads OMP_THREAD_LIMIT once while the library loads,
// before main() runs. Without a limit Tesseract's OpenMP threads make OCR several times slower
// on small machines, so the variable is set and the process image restarted once.
void limit_openmp_threads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  ::execv("/proc/self/exe", argv);  // returns only on failure: carry on unlimited
}

}  // namespace

int main(int argc, char** argv) {
  limit_openmp_threads(argv);
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    fmt::print(stderr, "quire: {}\n", error.what());
    return quire::cli::k_exit_failure;
  }
}
