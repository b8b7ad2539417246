#include "cli/command.hpp"

namespace quire::cli {

// Each command lives in its own <name>_command.cpp and exposes one define function.

const std::vector<CommandSpec>& all_commands() {
  static const std::vector<CommandSpec> commands = {
  };
  return commands;
}

}  // namespace quire::cli
