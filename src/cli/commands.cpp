#include "cli/command.hpp"

namespace quire::cli {

// Each command lives in its own <name>_command.cpp and exposes one define function.
CommandRun define_createsuperuser(CLI::App& command);
CommandRun define_document_consumer(CLI::App& command);
CommandRun define_document_renamer(CLI::App& command);
CommandRun define_document_thumbnails(CLI::App& command);
CommandRun define_manage_superuser(CLI::App& command);
CommandRun define_migrate(CLI::App& command);

const std::vector<CommandSpec>& all_commands() {
  using config::ConsoleLogging;
  static const std::vector<CommandSpec> commands = {
      {"createsuperuser", "Create a superuser (interactively or with --noinput).",
       &define_createsuperuser},
      {"document_consumer", "Consume files from the consumption folder.",
       &define_document_consumer, ConsoleLogging::verbose},
      {"document_renamer", "Move document files to the names the current template gives.",
       &define_document_renamer},
      {"document_thumbnails", "Regenerate document thumbnails.", &define_document_thumbnails},
      {"manage_superuser", "Create the PAPERLESS_ADMIN_USER superuser if it does not exist.",
       &define_manage_superuser},
      {"migrate", "Apply pending database schema migrations.", &define_migrate},
  };
  return commands;
}

}  // namespace quire::cli
