// `quire createsuperuser`: Django's command, interactive or with --noinput.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/runtime.hpp"
#include "cli/superuser.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace quire::cli {
namespace {

struct CreateSuperuserArgs {
  std::string username;
  std::string email;
  bool no_input = false;
};

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
}

std::string prompt(const std::string& question) {
  std::cerr << question << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer;
}

// Reads a password without echo when stdin is a terminal.
std::string prompt_password(const std::string& question) {
  std::cerr << question << std::flush;
  termios saved{};
  const bool terminal = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
  }
  std::string answer;
  std::getline(std::cin, answer);
  if (terminal) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << '\n';
  }
  return answer;
}

// Fills what the flags left open, from DJANGO_SUPERUSER_* (--noinput) or by asking.
std::optional<std::string> gather(CreateSuperuserArgs& args) {
  if (args.no_input) {
    if (args.username.empty())
      args.username = environment("DJANGO_SUPERUSER_USERNAME").value_or("");
    if (args.email.empty()) args.email = environment("DJANGO_SUPERUSER_EMAIL").value_or("");
    if (args.username.empty()) {
      fmt::print(stderr, "CommandError: You must use --username with --noinput.\n");
      return std::nullopt;
    }
    // Django makes a user with an unusable password when none is given; paperless users then
    // cannot log in, so Quire insists on one.
    const auto password = environment("DJANGO_SUPERUSER_PASSWORD");
    if (!password || password->empty()) {
      fmt::print(stderr, "CommandError: set DJANGO_SUPERUSER_PASSWORD with --noinput.\n");
      return std::nullopt;
    }
    return password;
  }
  while (args.username.empty()) args.username = prompt("Username: ");
  if (args.email.empty()) args.email = prompt("Email address: ");
  for (int attempt = 0; attempt < 3; ++attempt) {
    const std::string password = prompt_password("Password: ");
    if (password.empty()) {
      fmt::print(stderr, "Error: Blank passwords aren't allowed.\n");
      continue;
    }
    if (prompt_password("Password (again): ") != password) {
      fmt::print(stderr, "Error: Your passwords didn't match.\n");
      continue;
    }
    return password;
  }
  return std::nullopt;
}

}  // namespace

CommandRun define_createsuperuser(CLI::App& command) {
  auto args = std::make_shared<CreateSuperuserArgs>();
  command.add_option("--username", args->username, "login name of the superuser");
  command.add_option("--email", args->email, "e-mail address of the superuser");
  command.add_flag("--noinput,--no-input", args->no_input,
                   "do not prompt; take missing values from DJANGO_SUPERUSER_USERNAME, "
                   "DJANGO_SUPERUSER_EMAIL and DJANGO_SUPERUSER_PASSWORD");
  return [args](const config::Settings& settings) {
    const auto password = gather(*args);
    if (!password) return k_exit_failure;
    auto database = open_database(settings);
    if (!database) {
      fmt::print(stderr, "quire createsuperuser: {}\n", database.error().message);
      return k_exit_failure;
    }
    if (auto created = create_superuser(**database, args->username, args->email, *password);
        !created) {
      fmt::print(stderr, "Error: {}\n", created.error().message);
      return k_exit_failure;
    }
    fmt::print("Superuser created successfully.\n");
    return k_exit_success;
  };
}

}  // namespace quire::cli
