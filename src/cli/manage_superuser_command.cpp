// `quire manage_superuser`: creates the PAPERLESS_ADMIN_USER superuser if missing.

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/runtime.hpp"
#include "cli/superuser.hpp"

#include <fmt/core.h>

namespace quire::cli {

CommandRun define_manage_superuser(CLI::App& /*command*/) {
  return [](const config::Settings& settings) {
    auto database = open_database(settings);
    if (!database) {
      fmt::print(stderr, "quire manage_superuser: {}\n", database.error().message);
      return k_exit_failure;
    }
    auto outcome = manage_superuser(**database, settings.admin);
    if (!outcome) {
      fmt::print(stderr, "quire manage_superuser: {}\n", outcome.error().message);
      return k_exit_failure;
    }
    // As paperless-ngx: every outcome but a database failure exits 0.
    switch (*outcome) {
      case AdminOutcome::created:
        fmt::print("Created superuser \"{}\" with provided password.\n", settings.admin.user);
        break;
      case AdminOutcome::user_exists:
        fmt::print("Did not create superuser, a user {} already exists\n", settings.admin.user);
        break;
      case AdminOutcome::superuser_exists:
        fmt::print("Did not create superuser, the DB already contains superusers\n");
        break;
      case AdminOutcome::no_password:
        fmt::print(stderr, "Please check if PAPERLESS_ADMIN_PASSWORD has been set in the "
                           "environment\n");
        break;
    }
    return k_exit_success;
  };
}

}  // namespace quire::cli
