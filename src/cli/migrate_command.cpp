// `quire migrate`: applies pending schema migrations (every other command also does so).

#include "cli/command.hpp"
#include "cli/exit_codes.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "cli/runtime.hpp"

#include <fmt/core.h>

namespace quire::cli {

CommandRun define_migrate(CLI::App& /*command*/) {
  return [](const config::Settings& settings) {
    auto database = storage::Database::open(database_options(settings));
    if (!database) {
      fmt::print(stderr, "quire migrate: {}\n", database.error().message);
      return k_exit_failure;
    }
    auto applied = storage::migrate(**database);
    if (!applied) {
      fmt::print(stderr, "quire migrate: {}\n", applied.error().message);
      return k_exit_failure;
    }
    if (*applied == 0) {
      fmt::print("No migrations to apply (schema version {}).\n",
                 storage::latest_schema_version());
    } else {
      fmt::print("Applied {} migration(s); schema version {}.\n", *applied,
                 storage::latest_schema_version());
    }
    return k_exit_success;
  };
}

}  // namespace quire::cli
